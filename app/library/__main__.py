"""`python -m app.library [PATH]`: validate the library without Flask; exit 1 listing every problem."""

import sys

from .lint import lint_library
from .loader import LibraryError, load_library


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else "requirement_library"
    try:
        library = load_library(path)
    except LibraryError as exc:
        print(f"{len(exc.problems)} problem(s) in {path}:")
        for problem in exc.problems:
            print(f"  - {problem}")
        return 1
    findings = lint_library(library, "en")
    errors = [f for f in findings if f.severity == "error"]
    for f in findings:
        print(f"  {f.severity:7} {f.key} [{f.lang}] {f.rule}: {f.message}")
    print(f"Library {library.version}: {len(library.requirements)} requirements, "
          f"{len(library.references)} references, {len(library.wizard.steps)} wizard steps; "
          f"lint: {len(errors)} error(s), {len(findings) - len(errors)} warning(s).")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
