"""Hostile front matter: every text field of a lemma and a cluster carries script payloads
(script, event handler, `javascript:` link, attribute break-out, JavaScript string break-out,
entity tricks, bidi controls), and the plain-text rule (LEX207/LEX208) reports every line.
"""

from __future__ import annotations

import json

from conftest import write_files

MARK = "XSS"


def payloads(tag: str) -> dict[str, str]:
    """Payload kinds, each calling alert() with a marker that names kind and field."""
    return {
        "script": f"</script><script>alert('{MARK}-{tag}-script')</script>",
        "img": f"<img src=x onerror=alert('{MARK}-{tag}-img')>",
        "attr": f"\"><svg onload=alert('{MARK}-{tag}-attr')>",
        "js": f"';alert('{MARK}-{tag}-js');'\u2028",
        "entity": f"&lt;img src=x onerror=alert('{MARK}-{tag}-entity')&gt;",
        "link": f"[klik](javascript:alert('{MARK}-{tag}-link'))",
        "bidi": f"\u202e<!-- {MARK}-{tag}-bidi -->",
    }


KINDS = list(payloads("x"))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (hidden characters as escapes, which YAML decodes)."""
    return json.dumps(text)


def hostile_lemma(kind: str, links: list[str]) -> str:
    p = lambda field: payloads(field)[kind]  # noqa: E731
    body = "\n\n".join(
        [f"Dit lemma hangt samen met [[{t}]] en met [[{t}|een eigen label]]." for t in links]
        + ["## Een kop\n\nEen alinea met gewone tekst over nabijheid en afstand."]
    )
    return f"""---
title: {_q("Titel " + p("title"))}
cluster: {"sociale-nabijheid" if kind != "img" else "geografische-nabijheid"}
summary: {_q("Samenvatting met genoeg tekst " + p("summary"))}
kernvragen:
  - {_q("Wat is " + p("kernvraag") + "?")}
  - {_q("Hoe werkt het in de praktijk?")}
authors:
  - {_q("Auteur " + p("author"))}
aliases:
  - {_q("alias " + p("alias"))}
tags:
  - {_q("tag " + p("tag")[:50])}
based_on:
  - {_q("Bron, B. (2022). " + p("based_on") + ". *Boek*. Uitgever.")}
literature:
  - {_q("Auteur, A. (2020). " + p("literature") + ". *Boek*. Uitgever.")}
related:
  - {links[0]}
---

{body}
"""


def hostile_cluster(slug: str, title: str, order: int, colour: str, kind: str) -> str:
    p = lambda field: payloads(field)[kind]  # noqa: E731
    return f"""---
title: {_q(title + " " + p("cluster-title"))}
order: {order}
colour: "{colour}"
summary: {_q("Over nabijheid " + p("cluster-summary"))}
---

Een inleiding op het cluster.
"""


def hostile_files() -> dict[str, str]:
    slugs = [f"lemma-{kind}" for kind in KINDS]
    files = {
        f"lemmas/{slug}.md": hostile_lemma(kind, [s for s in slugs if s != slug][:3])
        for slug, kind in zip(slugs, KINDS, strict=True)
    }
    files["clusters/sociale-nabijheid.md"] = hostile_cluster(
        "sociale-nabijheid", "Sociale nabijheid", 1, "#8a2846", "script")
    files["clusters/geografische-nabijheid.md"] = hostile_cluster(
        "geografische-nabijheid", "Geografische nabijheid", 2, "#2e6b3a", "img")
    files["leeslijsten/cursus.yml"] = (
        "title: Cursus\ndescription: Een leeslijst\nlemmas:\n"
        + "".join(f"  - {s}\n" for s in slugs))
    return files


def test_the_validator_refuses_every_payload(tmp_path):
    from lexicon.core.loader import load_lexicon

    root = write_files(tmp_path, hostile_files())
    result = load_lexicon(root)
    flagged = {(d.path, d.line) for d in result.diagnostics if d.code in ("LEX207", "LEX208")}
    for rel, text in hostile_files().items():
        if not rel.startswith(("lemmas/", "clusters/")):
            continue
        lines = text.splitlines()
        for number, line in enumerate(lines, start=1):
            if MARK in line and not line.startswith(("- lemma-", "  - lemma-")):
                assert (rel, number) in flagged, f"{rel}:{number} niet gemeld: {line}"
