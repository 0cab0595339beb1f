"""History from git and archived editions (issue 21).

The acceptance test: a repository with three commits and two edition tags, built with the
real pipeline; the current page, both archived editions, the change list and the citations
are compared as whole strings.

    C1 2026-09-01  the lexicon                                  <- editie-2026-09
    C2 2026-11-15  wederkerigheid: substantive change            <- editie-2026-12
    C3 2026-12-10  vertrouwen: a typo fix, "Inhoudelijk: nee"    (HEAD, no edition)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CLUSTERS, install_site_config, site_files, write_files
from lexicon.cli import cli
from lexicon.core.revisions import (
    Edition,
    History,
    Revision,
    is_substantive,
    parse_edition,
    versions,
)
from lexicon.editorial import history
from lexicon.site.build import build_site

EDITORS = ("L. Veldboer, R. Engbersen, E. Hooghiemstra, J. Jansen, L. Koeter, L. Repetur,"
           " J. Rözer & A. Sprinkhuizen")
PUBLISHER = "Werkplaatsen Sociaal Domein / Movisie"
URL = "http://127.0.0.1:8000/"
OLD = "Mensen houden de balans van geven en ontvangen bij."
NEW = "Mensen houden de balans van geven en ontvangen bij, ook tussen buren die elkaar weinig zien."


def git(root: Path, *args: str, date: str = "2026-09-01T10:00:00+02:00") -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", "-c", "user.name=Redactie", "-c", "user.email=r@example.org",
                           "-c", "init.defaultBranch=main", "-c", "tag.gpgSign=false",
                           "-c", "commit.gpgSign=false", *args],
                          cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_repository(root: Path) -> Path:
    write_files(root, {**CLUSTERS, **site_files()})
    install_site_config(root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Het lexicon")
    git(root, "tag", "-a", "editie-2026-09", "-m", "Editie september 2026")
    d2 = "2026-11-15T10:00:00+01:00"
    edit(root / "lemmas/wederkerigheid.md", OLD, NEW)
    git(root, "commit", "-q", "-a", "-m", "Wederkerigheid: balans ook tussen buren", date=d2)
    git(root, "tag", "-a", "editie-2026-12", "-m", "Editie december 2026", date=d2)
    d3 = "2026-12-10T10:00:00+01:00"
    edit(root / "lemmas/vertrouwen.md", "Buurtbewoners kennen elkaar.",
         "Buurtbewoners kennen elkaar wel.")
    git(root, "commit", "-q", "-a", "-m", "Vertrouwen: tikfout", "-m", "Inhoudelijk: nee",
        date=d3)
    return root


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    root = make_repository(tmp_path_factory.mktemp("editions"))
    build_site(root)
    return root


def read(root: Path, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


def text_of(html: str, pattern: str) -> str:
    """The visible text of the first element matching `pattern` (a regex up to its end)."""
    match = re.search(pattern, html, re.S)
    assert match, pattern
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(0))).split())
    return re.sub(r" ([.,:;)])", r"\1", text)  # no space where a tag ended before punctuation


def history_text(html: str) -> str:
    return text_of(html, r'<section class="lx-block lx-history".*?</section>')


def apa(html: str) -> str:
    return text_of(html, r'<p class="lx-cite__apa".*?</p>')


def apa_edition(title: str, label: str, slug: str) -> str:
    return (f"Redactie. (2026). {title}. In {EDITORS} (Red.), Lexicon nabijheid en sociaal"
            f" werk ({label}). {PUBLISHER}. {URL}editie/{label_key(label)}/lemma/{slug}/")


def label_key(label: str) -> str:
    return {"editie september 2026": "2026-09", "editie december 2026": "2026-12"}[label]


# --- the acceptance test ------------------------------------------------------------------

def test_current_page_history_and_editions(repository):
    page = read(repository, "lemma/wederkerigheid/index.html")
    assert NEW in page and OLD not in page
    assert history_text(page) == (
        "Geschiedenis Eerst gepubliceerd 1 september 2026 Laatst inhoudelijk herzien"
        " 15 november 2026 15 november 2026: Wederkerigheid: balans ook tussen buren"
        " 1 september 2026: Het lexicon"
        " Edities van dit lemma (vaste adressen om naar te verwijzen):"
        " editie december 2026 editie september 2026")
    links = re.findall(r'<ul class="lx-history__editions">(.*?)</ul>', page, re.S)[0]
    assert re.findall(r'href="([^"]+)"', links) == [
        "../../editie/2026-12/lemma/wederkerigheid/", "../../editie/2026-09/lemma/wederkerigheid/"]
    # The current version is cited as the living text, with a retrieval date.
    assert apa(page).startswith(
        f"Redactie. (2026). Wederkerigheid. In {EDITORS} (Red.), Lexicon nabijheid en sociaal"
        f" werk (digitale editie). {PUBLISHER}. Geraadpleegd op ")
    assert apa(page).endswith(f", van {URL}lemma/wederkerigheid/")
    assert "lx-archive" not in page


def test_typo_fix_is_no_revision(repository):
    page = read(repository, "lemma/vertrouwen/index.html")
    assert "Buurtbewoners kennen elkaar wel." in page
    assert history_text(page) == (
        "Geschiedenis Eerst gepubliceerd 1 september 2026 Laatst inhoudelijk herzien"
        " 1 september 2026 1 september 2026: Het lexicon"
        " Daarnaast 1 niet-inhoudelijke wijziging (zoals spelling of opmaak)."
        " Edities van dit lemma (vaste adressen om naar te verwijzen):"
        " editie december 2026 editie september 2026")
    links = re.findall(r'<ul class="lx-history__editions">(.*?)</ul>', page, re.S)[0]
    # Unchanged in december: both editions show the september text, at its one address.
    assert re.findall(r'href="([^"]+)"', links) == [
        "../../editie/2026-09/lemma/vertrouwen/", "../../editie/2026-09/lemma/vertrouwen/"]


def test_first_edition_is_archived_as_it_was(repository):
    page = read(repository, "editie/2026-09/lemma/wederkerigheid/index.html")
    assert OLD in page and NEW not in page
    assert text_of(page, r'<div class="admonition warning lx-archive".*?</div>') == (
        "Gearchiveerde versie (editie september 2026) Dit is de tekst van dit lemma zoals die"
        " verscheen in de editie september 2026. Lees de huidige versie.")
    assert 'href="../../../../lemma/wederkerigheid/">Lees de huidige versie' in page
    assert "<title>Wederkerigheid (editie september 2026) - " in page
    assert apa(page) == apa_edition("Wederkerigheid", "editie september 2026", "wederkerigheid")
    assert "data-lx-accessed" not in page  # a fixed text: no retrieval date to update
    assert history_text(page) == (
        "Geschiedenis Eerst gepubliceerd 1 september 2026 Laatst inhoudelijk herzien"
        " 1 september 2026 1 september 2026: Het lexicon"
        " Edities van dit lemma (vaste adressen om naar te verwijzen):"
        " editie december 2026 editie september 2026")
    # Links inside the archived text stay inside the edition.
    assert 'href="../vertrouwen/"' in page
    assert f'<meta property="og:url" content="{URL}editie/2026-09/lemma/wederkerigheid/">' in page


def test_second_edition_has_the_revision(repository):
    page = read(repository, "editie/2026-12/lemma/wederkerigheid/index.html")
    assert NEW in page and OLD not in page
    assert apa(page) == apa_edition("Wederkerigheid", "editie december 2026", "wederkerigheid")
    assert "Gearchiveerde versie (editie december 2026)" in page
    assert history_text(page).startswith(
        "Geschiedenis Eerst gepubliceerd 1 september 2026 Laatst inhoudelijk herzien"
        " 15 november 2026 15 november 2026: Wederkerigheid: balans ook tussen buren"
        " 1 september 2026: Het lexicon ")


def test_only_changed_lemmas_are_rendered_again(repository):
    forward = read(repository, "editie/2026-12/lemma/vertrouwen/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../../../2026-09/lemma/vertrouwen/">' \
        in forward
    assert "lx-entry" not in forward
    september = read(repository, "editie/2026-09/lemma/vertrouwen/index.html")
    assert ("zoals die verscheen in de editie september 2026 en ongewijzigd bleef in de editie"
            " december 2026.") in unescape(september)
    assert "Buurtbewoners kennen elkaar." in september
    rendered = sorted(p.parent.name for p in (repository / "site/editie/2026-12/lemma").glob(
        "*/index.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))
    assert rendered == ["wederkerigheid"]
    # A concept lemma is in no edition, not even as a forward.
    assert not (repository / "site/editie/2026-09/lemma/concept-lemma").exists()


def test_exports_and_embed_cite_the_edition(repository):
    bib = read(repository, "editie/2026-09/data/cite/wederkerigheid.bib")
    assert "  edition = {editie september 2026},\n" in bib
    assert "  year = {2026},\n" in bib
    assert f"  url = {{{URL}editie/2026-09/lemma/wederkerigheid/}},\n" in bib
    ris = (repository / "site/editie/2026-12/data/cite/wederkerigheid.ris").read_bytes().decode(
        "utf-8").split("\r\n")
    assert "ET  - editie december 2026" in ris
    assert f"UR  - {URL}editie/2026-12/lemma/wederkerigheid/" in ris
    embed = read(repository, "editie/2026-09/embed/wederkerigheid/index.html")
    assert f'href="{URL}editie/2026-09/lemma/wederkerigheid/"' in embed
    assert "in het Lexicon nabijheid en sociaal werk, editie september 2026" in embed
    page = read(repository, "editie/2026-09/lemma/wederkerigheid/index.html")
    assert unescape(f"{URL}editie/2026-09/embed/wederkerigheid/") in unescape(page)
    # The current exports keep citing the current version.
    current = read(repository, "data/cite/wederkerigheid.bib")
    assert "edition = {digitale editie}" in current
    assert f"url = {{{URL}lemma/wederkerigheid/}}" in current


# --- fallbacks: no history, a shallow clone --------------------------------------------

def test_shallow_clone_says_so_and_gives_no_dates(repository, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repository}", str(clone))
    install_site_config(clone)  # site_overrides and mkdocs.yml are committed: a no-op
    build_site(clone)
    page = (clone / "site/lemma/wederkerigheid/index.html").read_text(encoding="utf-8")
    assert history_text(page) == (
        "Geschiedenis Geschiedenis niet beschikbaar: deze bouw had alleen een ondiepe kopie"
        " van de geschiedenis (shallow clone). Daarom staan hier geen data van publicatie en"
        " herziening.")
    assert "Eerst gepubliceerd" not in page


def test_no_git_gives_an_incomplete_history(tmp_path):
    (tmp_path / "lemmas").mkdir()
    found = history.lemma_histories(tmp_path, ["a"])
    assert found == {"a": History(complete=False, reason=history.NO_GIT)}
    assert found["a"].first_published is None and found["a"].last_revised is None
    assert history.editions(tmp_path) == []


# --- lexicon editie ----------------------------------------------------------------------

def test_editie_command(tmp_path):
    root = make_repository(tmp_path / "lex")
    runner = CliRunner()
    bad = runner.invoke(cli, ["editie", "december", str(root)])
    assert bad.exit_code == 2, bad.output
    earlier = runner.invoke(cli, ["editie", "2026-10", str(root)])
    assert earlier.exit_code == 1
    assert "ligt vóór de laatste editie (editie-2026-12)" in earlier.output
    (root / "lemmas/eenzaamheid.md").write_text("half werk", encoding="utf-8")
    dirty = runner.invoke(cli, ["editie", "2027-01", str(root)])
    assert dirty.exit_code == 1 and "niet-vastgelegde wijzigingen" in dirty.output
    git(root, "checkout", "-q", "--", "lemmas/eenzaamheid.md")
    done = runner.invoke(cli, ["editie", "editie-2027-01", str(root)])
    assert done.exit_code == 0, done.output
    assert ("1 gewijzigde en 3 ongewijzigde lemma's onder /editie/2027-01/") in done.output
    assert "git push origin editie-2027-01" in done.output
    assert "editie-2027-01" in git(root, "tag").split()
    page = (root / "site/editie/2027-01/lemma/vertrouwen/index.html").read_text("utf-8")
    assert "Buurtbewoners kennen elkaar wel." in page
    again = runner.invoke(cli, ["editie", "2027-01", str(root)])
    assert again.exit_code == 1 and "bestaat al" in again.output


def test_editie_removes_the_tag_when_the_build_fails(tmp_path):
    root = make_repository(tmp_path / "lex")
    (root / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - onbestaand\n",
                                     encoding="utf-8")
    git(root, "commit", "-q", "-a", "-m", "kapotte configuratie")
    result = CliRunner().invoke(cli, ["editie", "2027-02", str(root)])
    assert result.exit_code == 1, result.output
    assert "de tag editie-2027-02 is weer verwijderd" in result.output
    assert "editie-2027-02" not in git(root, "tag").split()


# --- the pure model ----------------------------------------------------------------------

def test_trailer_marks_non_substantive():
    assert is_substantive(())
    assert is_substantive(("ja",))
    assert not is_substantive(("nee",))
    assert not is_substantive(("ja", " Nee "))


def test_history_dates():
    day = dt.date
    revs = (Revision("c", day(2026, 12, 1), "tikfout", False),
            Revision("b", day(2026, 11, 1), "herzien", True),
            Revision("a", day(2026, 9, 1), "eerste", True))
    found = History(revs)
    assert (found.first_published, found.last_revised) == (day(2026, 9, 1), day(2026, 11, 1))
    assert [r.commit for r in found.substantive()] == ["b", "a"]
    only_minor = History((Revision("x", day(2026, 5, 1), "x", False),))
    assert only_minor.last_revised == day(2026, 5, 1)  # the first publication counts
    assert History(revs, complete=False).first_published is None


def test_edition_names():
    assert parse_edition("editie-2026-12") == Edition(2026, 12)
    assert parse_edition("editie-2026-12").label == "editie december 2026"  # type: ignore
    for bad in ("editie-2026-13", "editie-26-12", "2026-12", "editie-2026-1"):
        assert parse_edition(bad) is None


def test_versions_group_unchanged_lemmas():
    e1, e2, e3 = Edition(2026, 9), Edition(2026, 12), Edition(2027, 3)
    found = versions({e1: {"a": "1", "b": "1"}, e2: {"a": "2", "b": "1"},
                      e3: {"a": "2", "c": "1"}})
    assert found[("2026-12", "b")].first == e1
    assert found[("2026-09", "b")].editions == (e1, e2)
    assert found[("2027-03", "a")].first == e2
    assert found[("2026-12", "a")].editions == (e2, e3)
    assert found[("2027-03", "c")].first == e3
    assert ("2027-03", "b") not in found
    assert json.dumps(sorted(k for k in found)) == json.dumps(sorted(
        [("2026-09", "a"), ("2026-09", "b"), ("2026-12", "a"), ("2026-12", "b"),
         ("2027-03", "a"), ("2027-03", "c")]))


def test_commit_messages_are_text_on_the_page(tmp_path):
    """Commit subjects come from pull requests: untrusted, so escaped like lemma data."""
    root = make_repository(tmp_path / "lex")
    edit(root / "lemmas/eenzaamheid.md", "voelen zich soms eenzaam", "voelen zich vaak eenzaam")
    git(root, "commit", "-q", "-a", "-m", '<script>alert(1)</script> & "<img src=x onerror=y>"',
        date="2026-12-11T10:00:00+01:00")
    build_site(root)
    page = (root / "site/lemma/eenzaamheid/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;&lt;img src=x onerror=y&gt;&#34;" \
        in page
