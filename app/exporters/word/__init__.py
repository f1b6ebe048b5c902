"""The Word documents' machinery, split by concern; `app.exporters.docx` is its public face.

context.py    the template context built from a TenderDocument
engine.py     docxtpl rendering of the built-in masters (cached, strict, autoescaped)
problem.py    TemplateProblem, the error an unusable template raises (light: no docxtpl)
templates.py  organisation templates: checks, sandboxed rendering, errors that name tag and line
package.py    reproducible .docx files (core properties, fixed ZIP entry times)
review.py     the review copy (Word comments) and the comparison copy (tracked changes)
"""
