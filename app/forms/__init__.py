"""WTForms form classes. `builder.py` turns a wizard step definition into a form class."""
