#!/usr/bin/env python3
"""Writes Fuzz/seeds/<target>/: starting inputs from Fixtures/ and the test suite's hostile samples.

Run once when a target is added or a sample should join (`python3 Fuzz/make-seeds.py`); the files are committed.
Fuzz/run grows Fuzz/corpus/<target>/ from these; the seeds themselves never change during a run.
"""
import json, os

here = os.path.dirname(os.path.abspath(__file__))
fixtures = os.path.join(here, "..", "Fixtures")

def fixture(name, limit=2048):
    with open(os.path.join(fixtures, name), "rb") as f:
        return f.read()[:limit]

hostile_csv = [
    b"a,b\r\n1,2\r\n", b"\xef\xbb\xbfid,name\n1,x", b'"a\nb","c""d"\n', b'"unterminated\n', b'a"b,c\n',
    b'"x"y\n', b"a\rb\n", b"a,b\r", b"\n\n\r\n", b"a,\n", b"\x00", b"\xff\xfe\x61\x00\x0a\x00",
    b"\x00\x00\xfe\xff", b"name\nJos\xe9", b"ok\n\xe2\x82", b'"""\xed\xa0\x80"\n', b"\xc0\xaf",
    b"=1+2,@SUM(A1),-3,+x,'q\n",
]
# The argument fuzz test's valid lines, joined as argv is: one word per NUL.
argument_lines = [
    ["record", "P1", "--onset", "2025-02-01", "--category", "facial-redness", "--scaling", "absent", "--sites", "face,neck", "--itch", "3"],
    ["patient", "add", "N1", "--start", "2025-01-01", "--sex", "F", "--birth-year", "1980", "--risk", "psoriasis-history"],
    ["case", "update", "1", "--action", "paused", "--outcome", "resolved", "--outcome-date", "2025-03-01"],
    ["report", "frequency", "--from", "2025-01-01", "--level", "0.9", "--ci", "exact"],
    ["import", "--db", "x.sqlite", "cases.csv", "--reject", "bad.csv"], ["export", "--format", "jsonl", "--out", "-"],
    ["help", "report", "risk"], ["--version"], ["visitt", "add", "--help"], ["-h"], ["assess", "1", "--answer", "5=no"],
    ["case", "list", "--category=facial-redness", "--", "-x"], ["completions", "fish"], ["report", "html", "-o", "r.html"],
]
hostile_text = [
    "", "plain", "a\nb", "a\r\nb\tc", "\x1b]0;title\x07", "\x1b[2J", "back\\slash", "\u202eevil\u202c", "\u2028\u2029",
    "\u0085\u009b", "\x7f", "caf\u00e9 \u2014 \u226410%", "\U0001F9F4\u200d", "<b>&amp;\"'", "x\x01y", "\ufffe\uffff",
    "'=1", "=HYPERLINK(\"x\")", "-3.5", "a,b\x1fc\x1ed\"e", "\ud7ff\ue000",
]
def bundle(name, references=1):
    """A bundle of samples/ (written by `adreg share`, see samples/README.md), cut to fit -max_len=4096."""
    with open(os.path.join(here, "samples", name)) as f:
        value = json.load(f)
    value["references"] = value["references"][:references]
    site = value["sites"][0]
    site["categories"] = site["categories"][:2]
    for censoring in site["time_on_treatment"].values():
        censoring["categories"] = censoring["categories"][:1]
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()

meddra = [
    b"category,meddra_version,llt_code,llt_name,pt_code,pt_name\nfacial-redness,27.1,10015150,Erythema of face,10015150,Erythema\n"
    b"indication,27.1,10003639,Atopic dermatitis,10012438,Dermatitis atopic\n",
    b"category,meddra_version,llt_code,llt_name,pt_code,pt_name\nfacial-redness,27.1,10015150,Erythema of face,10015150,Erythema\n"
    b"facial-rednes,27.1,1001515,Erythema of face,10015150,Erythema\nindication,27,10003639,Atopic dermatitis,1001243X,Dermatitis atopic\n"
    b"facial-redness,27.1,10015150,Erythema of face,10015150,\n",
    b"pt_name,pt_code,llt_name,llt_code,meddra_version,category\nErythema,10015150,Facial erythema,10016023,27.1,facial-redness\n",
    b"category,meddra_version,llt_code,llt_name,pt_code,pt_name\n", b"category,llt_code\n",
    b"category,meddra_version,llt_code,llt_name,pt_code,pt_name\n'=x,27.1,10015150,\"a\nb\",10015150,\x1b[2J\n",
]
json_texts = [
    b"{}", b"[]", b'{"a":[1,-0,2.5e-3,true,false,null,"x\\u00e9\\ud83d\\ude00"]}', b'"\\ud800"', b"[1,]", b"01", b"-",
    b"1e400", b"9223372036854775808", b"-9223372036854775809", b'{"a":1,"a":2}', b"[" * 101 + b"]" * 101,
    b'"\t"', b"\xef\xbb\xbf{}", b" \n[ ] ", b'"\xc3\x28"', b"nul", b"[1 2]",
]
seeds = {
    "FuzzCSVReader": [fixture("patients.csv"), fixture("cases.csv"), fixture("references.csv")] + hostile_csv,
    "FuzzReference": [fixture("references.csv"), b"source,population\n", b""] + hostile_csv[:4],
    "FuzzCSVRoundTrip": [t.encode("utf-8", "surrogatepass") for t in hostile_text] + [b"a\x1fb\x1e\x1e,\x1f\"\r\n"],
    "FuzzDisplayText": [t.encode("utf-8", "surrogatepass") for t in hostile_text],
    "FuzzHTMLEscape": [t.encode("utf-8", "surrogatepass") for t in hostile_text],
    "FuzzJSONWriter": [t.encode("utf-8", "surrogatepass") for t in hostile_text] + [bytes([7, 3, 0x31, 4, 2, 0x41]), bytes([6, 5, 1, 2, 3, 4, 5])],
    "FuzzArguments": [b"\x00".join(w.encode() for w in line) for line in argument_lines] + [b"", b"\x00", b"--\x00--db"],
    "FuzzDay": [b"2024-02-29", b"2023-02-29", b"0001-01-01", b"9999-12-31", b"2025-13-01", b"2025-1-1", b"03/04/2025",
                b"2025-02-28 ", b"\xef\xbc\x92025-01-01", b"0000-00-00"],
    "FuzzXMLWriter": [t.encode("utf-8", "surrogatepass") for t in hostile_text] + [b"]]>", b"a\r\nb", b"&#13;&amp;"],
    "FuzzJSONParser": json_texts + [bundle("share.json")],
    "FuzzBundle": [bundle("share.json"), bundle("share-min-cell-3.json", references=2), bundle("share.json", references=0),
                   b"{}", b'{"format":"adreg-share-bundle"}', b"[]", b"null"],
    "FuzzMedDRA": meddra + hostile_csv[:6],
    "FuzzNumber": [b"14", b" 7\t", b"365", b"366", b"0", b"-1", b"+5", b"99999999999999999999", b"1e309", b"nan", b"inf",
                   b"-0", b"100.0", b"12.5", b"0x10", b"\xd9\xa3", b"1_000", b" ", b""],
}
out = os.path.join(here, "seeds")
for target, inputs in seeds.items():
    # Only the generated seeds are replaced; inputs a run found (found-*, kept by hand) stay.
    os.makedirs(os.path.join(out, target), exist_ok=True)
    for name in os.listdir(os.path.join(out, target)):
        if name.startswith("seed-"):
            os.remove(os.path.join(out, target, name))
    for i, data in enumerate(inputs):
        with open(os.path.join(out, target, f"seed-{i:02}"), "wb") as f:
            f.write(data)
