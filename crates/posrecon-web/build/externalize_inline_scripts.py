#!/usr/bin/env python3
"""Trunk post_build hook: make dist/index.html pass a strict Content-Security-Policy.

Trunk injects an inline `<script type="module">` that loads the wasm app (and, under
`trunk serve`, an inline autoreload script). The page's CSP is `script-src 'self'` with no
'unsafe-inline', which blocks inline scripts. This hook moves each inline script into a
same-origin file named after its content hash (`boot-<hash>.js`) and points the tag at it.

Afterwards it checks the page: no inline script, no `<style>` element, no `style=""` or
`on*=""` attribute, and the CSP meta tag is present. Any violation fails the build, so a
page that would break under its own CSP never reaches dist/.

Environment (set by Trunk): TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL.
"""

import hashlib
import os
import re
import sys

SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
HAS_SRC = re.compile(r"\bsrc\s*=", re.I)
NONCE = re.compile(r"\s+nonce\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
# An attribute named style or on<event>, preceded by whitespace inside a tag.
BAD_ATTR = re.compile(r"<[a-z][^>]*\s(style|on[a-z]+)\s*=", re.I)
CSP_META = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?Content-Security-Policy", re.I)


def externalize(html: str, staging: str, public_url: str) -> tuple[str, list[str]]:
    written = []

    def replace(match: re.Match) -> str:
        attrs, body = match.group("attrs"), match.group("body")
        if HAS_SRC.search(attrs) or not body.strip():
            return match.group(0)
        data = body.strip().encode("utf-8") + b"\n"
        name = "boot-%s.js" % hashlib.sha256(data).hexdigest()[:16]
        with open(os.path.join(staging, name), "wb") as f:
            f.write(data)
        written.append(name)
        attrs = NONCE.sub("", attrs)
        return '<script%s src="%s%s"></script>' % (attrs, public_url, name)

    return SCRIPT.sub(replace, html), written


def problems(html: str) -> list[str]:
    found = []
    for match in SCRIPT.finditer(html):
        if not HAS_SRC.search(match.group("attrs")) and match.group("body").strip():
            found.append("inline <script> remains")
    if STYLE_ELEMENT.search(html):
        found.append("<style> element (style-src 'self' blocks it)")
    for match in BAD_ATTR.finditer(html):
        found.append("inline %s= attribute: %s" % (match.group(1), match.group(0)[:80]))
    if not CSP_META.search(html):
        found.append("no Content-Security-Policy meta tag")
    return found


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("externalize_inline_scripts: TRUNK_STAGING_DIR is not set", file=sys.stderr)
        return 2
    public_url = os.environ.get("TRUNK_PUBLIC_URL") or "/"
    if not public_url.endswith("/"):
        public_url += "/"
    path = os.path.join(staging, "index.html")
    with open(path, encoding="utf-8") as f:
        html = f.read()
    html, written = externalize(html, staging, public_url)
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    for name in written:
        print("externalize_inline_scripts: moved an inline script to %s" % name)
    found = problems(html)
    for problem in found:
        print("externalize_inline_scripts: CSP violation in index.html: %s" % problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
