"""Fails a CI step whose pytest run executed no test, or skipped a browser test: python .ci/check_tests.py REPORT.xml"""

import sys
import xml.etree.ElementTree as ET  # noqa: S405 - our own pytest's report

BROWSER_TESTS = "tests.test_browser"


def main(path: str) -> int:
    cases = ET.parse(path).getroot().iter("testcase")  # noqa: S314
    ran, skipped, browser = 0, [], 0
    for case in cases:
        name = f"{case.get('classname')}::{case.get('name')}"
        if case.find("skipped") is not None:
            skipped.append(name)
            continue
        ran += 1
        browser += name.startswith(BROWSER_TESTS)
    print(f"checked {path}: {ran} tests ran, {len(skipped)} skipped, {browser} in a browser")
    problems = []
    if ran == 0:
        problems.append("no test ran")
    if browser == 0:
        problems.append("no browser test ran")
    problems += [f"browser test skipped: {name}" for name in skipped if name.startswith(BROWSER_TESTS)]
    for problem in problems:
        print(f"!! {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1]))
