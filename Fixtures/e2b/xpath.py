"""Evaluate E2B(R3) XPaths on E2B(R3) files with Python's ElementTree alone.

ElementTree's own XPath lacks nested predicates, attribute results and text(); this evaluates the subset the
standard's XPaths use: steps with `[@a='v']`, `[n]`, repeat placeholders (`[r]`, `[i]`, `[k]`: every one),
`[path]` and `[path='v']` predicates (nested, ending in an element or an `@attribute`), and a last step of
`@attribute` or `text()`. A value such as 'UUID of i-th reaction' stands for any value.

Usage:
  python3 xpath.py FILE.xml NAME XPATH [NAME XPATH]...
      prints JSON {name: [values]}: the values at each XPath, pooled by name in order (a name given with
      several XPaths, e.g. an element's value and its nullFlavor, gets the values of all of them).
  python3 xpath.py --table ELEMENTS.csv NUMBER...
      prints JSON {number: [xpaths]}: the XPaths the FDA's icsr_data_elements.csv gives for each data element.
"""
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET

HL7 = "urn:hl7-org:v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def scan(text):
    """Each character with the bracket depth around it, quoted text passed over (its depth is -1)."""
    depth, quote = 0, None
    for position, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
            yield position, ch, -1
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        yield position, ch, depth


def split_top(text, separator):
    parts, start = [], 0
    for position, ch, depth in scan(text):
        if ch == separator and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts


def parse_step(step):
    step = step.strip()
    name_end = step.find("[")
    if name_end < 0:
        return step, []
    predicates, opened = [], None
    for position, ch, depth in scan(step):
        if ch == "[" and depth == 1:
            opened = position
        elif ch == "]" and depth == 0 and opened is not None:
            predicates.append(step[opened + 1:position].strip())
    return step[:name_end].strip(), predicates


def attribute(element, name):
    if name.startswith("xsi:"):
        return element.get("{%s}%s" % (XSI, name[4:]))
    return element.get(name)


def wildcard(value):
    return value.startswith("UUID of")


def select(elements, path):
    """Elements or values reached from `elements` by a relative path."""
    current = list(elements)
    for step in split_top(path, "/"):
        if not step:
            continue
        if step.startswith("@"):
            return [v for v in (attribute(e, step[1:]) for e in current) if v is not None]
        if step == "text()":
            return [e.text or "" for e in current]
        name, predicates = parse_step(step)
        found = []
        for parent in current:
            children = [c for c in parent if c.tag == "{%s}%s" % (HL7, name)]
            for predicate in predicates:
                children = [c for c in apply(children, predicate)]
            found.extend(children)
        current = found
    return current


def apply(children, predicate):
    if re.fullmatch(r"\d+", predicate):
        n = int(predicate)
        return children[n - 1:n]
    if predicate in ("r", "i", "k", "j"):
        return children
    match = re.fullmatch(r"(.+?)\s*=\s*'([^']*)'", predicate)
    if match:
        path, value = match.group(1).strip(), match.group(2)
        if wildcard(value):
            return [c for c in children if select([c], path)]
        return [c for c in children if value in [v if isinstance(v, str) else None for v in select([c], path)]]
    return [c for c in children if select([c], predicate)]


def evaluate(root, xpath):
    steps = split_top(xpath.strip(), "/")
    if steps and steps[0] == "":
        steps = steps[1:]
    first_name, _ = parse_step(steps[0])
    if root.tag != "{%s}%s" % (HL7, first_name):
        return []
    # The root's own predicates (schemaLocation) differ between senders; they are not part of the element.
    return select([root], "/".join(steps[1:]))


def xpaths(rows, number):
    for row in rows[2:]:
        if row[2].strip() == number:
            return [cell.replace("\n", " ") for cell in row[32:] if cell.strip().startswith("/")]
    return []


def main():
    if sys.argv[1] == "--table":
        rows = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
        print(json.dumps({number: xpaths(rows, number) for number in sys.argv[3:]}))
        return
    root = ET.parse(sys.argv[1]).getroot()
    pairs = sys.argv[2:]
    result = {}
    for name, xpath in zip(pairs[0::2], pairs[1::2]):
        values = result.setdefault(name, [])
        values.extend(v if isinstance(v, str) else "<element>" for v in evaluate(root, xpath))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
