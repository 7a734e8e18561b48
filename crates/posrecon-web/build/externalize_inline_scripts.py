#!/usr/bin/env python3
"""Trunk post_build hook: make dist/index.html pass a strict Content-Security-Policy.

Trunk injects an inline `<script type="module">` that loads the wasm app (and, under
`trunk serve`, an inline autoreload script). The page's CSP is `script-src 'self'` with no
'unsafe-inline', which blocks inline scripts. This hook moves each inline script into a
same-origin file named after its content hash (`boot-<hash>.js`) and points the tag at it.

Afterwards it checks the page: no inline script, no `<style>` element, no `style=""` or
`on*=""` attribute, and the CSP meta tag is present. Any violation fails the build, so a
page that would break under its own CSP never reaches dist/.

Last, it writes the service worker's list of files and version into `sw.js` (copied from
www/sw.js): every file of the build but sw.js itself and notes (`*.md`), as URL paths, and a
version hashed from their names and bytes, so any change to the build is a new sw.js and so a new
cache (see www/sw.js). A sw.js left with its placeholders fails the build.

Environment (set by Trunk): TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL.
"""

import hashlib
import json
import os
import re
import sys
import urllib.parse

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


SW_FILES = "__POSRECON_SW_FILES__"
SW_VERSION = "__POSRECON_SW_VERSION__"


def precache_list(staging: str) -> tuple[list[str], str]:
    """The build's files as URL paths (sorted) and a version hashed from their names and bytes."""
    paths = []
    for folder, _dirs, names in os.walk(staging):
        for name in names:
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, staging).replace(os.sep, "/")
            if rel == "sw.js" or rel.endswith(".md"):
                continue
            paths.append((rel, full))
    paths.sort()
    digest = hashlib.sha256()
    for rel, full in paths:
        digest.update(rel.encode("utf-8") + b"\0")
        with open(full, "rb") as f:
            digest.update(hashlib.sha256(f.read()).digest())
    urls = ["/" + urllib.parse.quote(rel) for rel, _full in paths]
    return urls, digest.hexdigest()[:16]


def write_service_worker(staging: str) -> list[str]:
    """Fills in sw.js's file list and version; returns problems (none when all went well)."""
    path = os.path.join(staging, "sw.js")
    if not os.path.exists(path):
        return ["sw.js missing from the build (index.html must copy www/sw.js)"]
    with open(path, encoding="utf-8") as f:
        source = f.read()
    if SW_FILES not in source or SW_VERSION not in source:
        return ["sw.js has no %s / %s placeholder" % (SW_FILES, SW_VERSION)]
    urls, version = precache_list(staging)
    source = source.replace(SW_FILES, json.dumps(urls, ensure_ascii=True))
    source = source.replace("'%s'" % SW_VERSION, json.dumps(version))
    if SW_VERSION in source:
        return ["sw.js: the version placeholder must stand quoted as '%s'" % SW_VERSION]
    with open(path, "w", encoding="utf-8") as f:
        f.write(source)
    print("externalize_inline_scripts: sw.js keeps %d files, version %s" % (len(urls), version))
    return []


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
    # After index.html is final: its bytes are part of the service worker's version.
    sw_problems = write_service_worker(staging)
    for problem in sw_problems:
        print("externalize_inline_scripts: %s" % problem, file=sys.stderr)
    return 1 if found or sw_problems else 0


if __name__ == "__main__":
    sys.exit(main())
