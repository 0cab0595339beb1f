"""Dutch search: stemming, aliases, compounds, typos, facets, incremental and atomic updates."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import CLUSTERS, lemma, site_files, write_files
from lexicon import load_lexicon
from lexicon.search.engine import Searcher, clean_query, update_index


@pytest.fixture(scope="module")
def lexicon_root(tmp_path_factory):
    return write_files(tmp_path_factory.mktemp("searchlex"), {**CLUSTERS, **site_files()})


@pytest.fixture(scope="module")
def index(lexicon_root):
    lexicon = load_lexicon(lexicon_root).lexicon.published()
    base = lexicon_root / "index"
    update_index(lexicon, base)
    return base


@pytest.fixture(scope="module")
def searcher(index):
    with Searcher(index) as s:
        yield s


def slugs(searcher, query, **kw):
    return [h.slug for h in searcher.search(query, **kw).results]


def test_exact_title_ranks_first(searcher):
    assert slugs(searcher, "vertrouwen")[0] == "vertrouwen"
    assert slugs(searcher, "Sociale  TEAMS")[0] == "sociale-teams"


def test_inflections_match_through_dutch_stemming(searcher):
    assert slugs(searcher, "eenzame")[0] == "eenzaamheid"
    assert "vertrouwen" in slugs(searcher, "vertrouwde")


def test_aliases_including_english_terms(searcher):
    assert slugs(searcher, "loneliness") == ["eenzaamheid"]
    assert slugs(searcher, "reciprociteit")[0] == "wederkerigheid"


def test_compounds_are_split_into_known_parts(searcher):
    result = searcher.search("buurtbewoners")
    assert result.total >= 1
    assert {"vertrouwen", "eenzaamheid"} & {h.slug for h in result.results}
    assert searcher.decompound("buurtbewoners") == ["buurt", "bewoners"]


def test_compound_query_finds_sociale_teams(searcher):
    assert slugs(searcher, "wijkteams")[0] == "sociale-teams"


def test_typo_gets_a_suggestion_and_results(searcher):
    result = searcher.search("wederkerigheit")
    assert result.results and result.results[0].slug == "wederkerigheid"
    none = searcher.search("vertrouwn zorgvuldigheidxyz")
    assert none.total >= 0


def test_bedoelde_je(searcher):
    result = searcher.search("eenzaamhied")
    assert result.corrected == "eenzaamheid"
    assert result.results[0].slug == "eenzaamheid"


_LETTERS = "abcdeijklmnorstuvwzé"


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), maxdist=st.integers(0, 2), prefix=st.integers(0, 2),
       field=st.sampled_from(["spell", "title", "summary", "aliases"]))
def test_vocabulary_finds_the_words_of_whooshs_levenshtein_automaton(searcher, data, maxdist,
                                                                      prefix, field):
    """The in-memory edit-distance lookup (RapidFuzz) gives exactly the terms Whoosh's own
    automaton walk gives (`terms_within`), in the same order: for index words, words a few
    edits away from them (swaps, drops, additions) and random strings."""
    reader = searcher.reader
    words = searcher.vocabulary._words(reader, field)
    word = data.draw(st.sampled_from(words))
    for _ in range(data.draw(st.integers(0, 3))):
        i = data.draw(st.integers(0, len(word)))
        edit = data.draw(st.sampled_from(["swap", "drop", "add"]))
        if edit == "swap" and i + 1 < len(word):
            word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif edit == "drop":
            word = word[:i] + word[i + 1:]
        else:
            word = word[:i] + data.draw(st.sampled_from(_LETTERS)) + word[i:]
    word = data.draw(st.one_of(st.just(word), st.text(_LETTERS, min_size=1, max_size=12)))
    assume(prefix <= len(word))  # Whoosh's automaton needs the prefix inside the word
    expected = [t.decode() if isinstance(t, bytes) else t
                for t in reader.terms_within(field, word, maxdist, prefix=prefix)]
    assert searcher.vocabulary.within(reader, field, word, maxdist, prefix) == sorted(expected)


def test_facets_and_cluster_filter(searcher):
    result = searcher.search("vertrouwen")
    assert result.facets["cluster"]["geografische-nabijheid"] == 1
    only = searcher.search("vertrouwen", cluster="geografische-nabijheid")
    assert [h.slug for h in only.results] == ["sociale-teams"]
    assert only.facets == result.facets


def test_snippet_highlights_query_terms(searcher):
    hit = searcher.search("balans")
    assert "<mark" in hit.results[0].snippet


def test_result_shape(searcher):
    data = searcher.search("vertrouwen", base_url="/").as_dict()
    assert set(data) == {"query", "corrected", "total", "results", "facets", "retried",
                         "closest"}
    assert set(data["results"][0]) == {"slug", "title", "cluster", "summary", "url", "snippet",
                                       "score"}
    assert data["results"][0]["url"] == "/lemma/vertrouwen/"
    json.dumps(data)


def test_a_query_that_finds_nothing_is_retried_with_its_spelling_corrected(searcher):
    """'blaans' (two letters swapped) finds nothing itself; 'balans' does."""
    result = searcher.search("blaans")
    assert (result.corrected, result.retried) == ("balans", "spelling")
    assert [h.slug for h in result.results] == ["wederkerigheid"]
    assert result.closest == ()


def test_then_with_every_word_as_the_start_of_longer_words(searcher):
    """'ontv' is no word and too short to correct; 'ontvangen' starts with it."""
    result = searcher.search("ontv")
    assert (result.corrected, result.retried) == (None, "loose")
    assert [h.slug for h in result.results] == ["wederkerigheid"]
    assert searcher.search("ontv", prefix=True).retried is None  # typing ahead: found at once


def test_then_the_closest_lemmas_are_offered(searcher):
    result = searcher.search("eenzmhaeid", base_url="/")
    assert (result.total, result.results, result.retried) == (0, (), None)
    assert [c.as_dict() for c in result.closest] == [
        {"slug": "eenzaamheid", "title": "Eenzaamheid", "cluster": "sociale-nabijheid",
         "url": "/lemma/eenzaamheid/"}]


def test_a_query_that_finds_something_is_not_retried(searcher):
    for query in ("vertrouwen", "eenzaamhied", "geven ontv"):
        result = searcher.search(query)
        assert result.total and result.retried is None and result.closest == ()


def test_no_retry_when_the_results_are_only_in_another_cluster(searcher):
    """The facets show where they are; a retry would answer another question."""
    result = searcher.search("eenzaamheid", cluster="geografische-nabijheid")
    assert result.total == 0 and result.retried is None and result.closest == ()
    assert set(result.facets["cluster"]) == {"sociale-nabijheid"}


@pytest.mark.parametrize("query", ["zzqqxxyy", "de het een", "??", "ab ab ab"])
def test_nothing_alike_offers_nothing(searcher, query):
    result = searcher.search(query)
    assert result.closest == () and (result.total == 0 or result.retried == "loose")


def test_similar_lemmas(searcher):
    similar = searcher.similar(["wederkerigheid"], top=3)
    assert len(similar["wederkerigheid"]) == 3
    assert "wederkerigheid" not in similar["wederkerigheid"]


@pytest.mark.parametrize("query", ["", "   ", "*", "AND OR NOT", '"', '"onaf', "(", ")", "a:b",
                                   "title:x", "[a TO b]", "\x00\x01", "x" * 10_000, "€ ☃ 🙂",
                                   "\ud800", "NOT", "de het een"])
def test_hostile_queries_answer(searcher, query):
    result = searcher.search(query)
    assert result.total >= 0
    json.dumps(result.as_dict())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=st.text(max_size=300))
def test_any_query_gives_an_answer(searcher, query):
    result = searcher.search(query, limit=5, prefix=True)
    assert len(result.results) <= 5
    json.dumps(result.as_dict())


def test_clean_query_bounds_and_strips():
    assert clean_query("  a\x00b\u202e  c ") == "a b c"
    assert len(clean_query("y" * 5000)) == 500


def test_incremental_update_reindexes_only_changes(tmp_path):
    write_files(tmp_path, {**CLUSTERS, **site_files()})
    base = tmp_path / "ix"
    first = update_index(load_lexicon(tmp_path).lexicon, base)
    assert (first.added, first.full) == (5, True)
    again = update_index(load_lexicon(tmp_path).lexicon, base)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 5)
    (tmp_path / "lemmas" / "vertrouwen.md").write_text(
        lemma("Vertrouwen", "Nu over [[wederkerigheid]] en zeilboten.\n"), encoding="utf-8")
    (tmp_path / "lemmas" / "concept-lemma.md").unlink()
    third = update_index(load_lexicon(tmp_path).lexicon, base)
    assert (third.added, third.updated, third.removed, third.unchanged) == (0, 1, 1, 3)
    with Searcher(base) as s:
        assert [h.slug for h in s.search("zeilboten").results] == ["vertrouwen"]
        assert s.search("conceptlemma").total == 0
    assert len([p for p in base.iterdir() if p.name.startswith("index-")]) == 1


def test_the_committed_index_is_validated_once_per_folder_not_per_search(tmp_path,
                                                                         monkeypatch):
    """The server asks for the committed folder on every search; its metadata (megabytes at
    5 000 lemma's) is parsed once per folder, and again only for a newly committed one or
    a changed file."""
    import lexicon.search.engine as search_module
    from lexicon.search.engine import META, committed

    write_files(tmp_path, {**CLUSTERS, **site_files()})
    base = tmp_path / "ix"
    update_index(load_lexicon(tmp_path).lexicon, base)
    reads: list[object] = []
    real = search_module._read_meta
    monkeypatch.setattr(search_module, "_read_meta", lambda f: reads.append(f) or real(f))
    first = committed(base)
    assert first is not None and committed(base) == first and committed(base) == first
    assert reads == [first]
    (tmp_path / "lemmas" / "vertrouwen.md").write_text(
        lemma("Vertrouwen", "Nu over [[wederkerigheid]] en zeilboten.\n"), encoding="utf-8")
    update_index(load_lexicon(tmp_path).lexicon, base)
    second = committed(base)
    assert second is not None and second != first and reads[-1] == second
    (second / META).write_text("{kapot", encoding="utf-8")  # a damaged file is noticed
    assert committed(base) is None


def test_failed_update_leaves_previous_index(tmp_path, monkeypatch):
    write_files(tmp_path, {**CLUSTERS, **site_files()})
    base = tmp_path / "ix"
    lexicon = load_lexicon(tmp_path).lexicon
    update_index(lexicon, base)
    before = (base / "current").resolve()

    import lexicon.search.engine as search_module

    def explode(entry, lexicon, titles=None):
        raise RuntimeError("crash tijdens indexeren")

    monkeypatch.setattr(search_module, "document", explode)
    with pytest.raises(RuntimeError):
        update_index(lexicon, base, full=True)
    assert (base / "current").resolve() == before
    with Searcher(base) as s:
        assert s.search("vertrouwen").total > 0


def test_incremental_update_leaves_the_previous_index_files_untouched(tmp_path):
    """The new index is a hard-linked copy: updating it must not change a byte of the old one
    (a server may still be reading it)."""
    import hashlib

    write_files(tmp_path, {**CLUSTERS, **site_files()})
    base = tmp_path / "ix"
    update_index(load_lexicon(tmp_path).lexicon, base)
    old = (base / "current").resolve()
    keep = tmp_path / "bewaard"
    keep.mkdir()
    for item in old.iterdir():  # second links keep the old files alive after the cleanup
        (keep / item.name).hardlink_to(item)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in keep.iterdir()}
    (tmp_path / "lemmas" / "vertrouwen.md").write_text(
        lemma("Vertrouwen", "Nu over [[wederkerigheid]] en zeilboten.\n"), encoding="utf-8")
    stats = update_index(load_lexicon(tmp_path).lexicon, base)
    assert (stats.updated, stats.unchanged) == (1, 4)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in keep.iterdir()} == before


def test_similarity_from_profiles():
    from lexicon.search.similarity import profile, similar

    profiles = {
        "a": profile("buurt wijk buurt bewoners zorg".split()),
        "b": profile("buurt wijk bewoners straat".split()),
        "c": profile("geld rente bank schuld".split()),
        "d": profile("schuld bank armoede geld".split()),
    }
    assert similar(profiles, top=1) == {"a": ("b",), "b": ("a",), "c": ("d",), "d": ("c",)}
    assert profile(["x", "y", "x"], size=1) == {"x": 2}
    assert similar({"a": {"x": 1}}) == {"a": ()}


def test_result_cache_is_bounded_and_gives_the_same_answers(index):
    with Searcher(index, cache_size=2) as cached, Searcher(index, cache_size=0) as fresh:
        for query in ["vertrouwen", "buurt", "eenzame", "vertrouwen", "wijkteams"]:
            assert cached.search(query) == fresh.search(query)
        assert len(cached.results) == 2 and not fresh.results
        assert list(cached.results)[-1][0] == "wijkteams"


def test_the_index_lives_outside_the_repository(make_lexicon):
    """Whoosh unpickles its index files: an index folder that came with a pull request
    (planted where older versions kept theirs) must never be opened."""
    from lexicon.search.engine import index_dir

    root = make_lexicon({"lemmas/alfa.md": lemma("Alfa", "Tekst.\n")})
    planted = root / ".lexicon-cache" / "search" / "current"
    planted.mkdir(parents=True)
    (planted / "_MAIN_1.toc").write_bytes(b"cos\nsystem\n(S'echo gehackt'\ntR.")
    (planted / "lexicon-index.json").write_text('{"schema": 5}', encoding="utf-8")
    lexicon = load_lexicon(root).lexicon.published()
    assert not index_dir(root).resolve().is_relative_to(root.resolve())
    stats = update_index(lexicon, index_dir(root))
    assert stats.full and stats.added == 1
    with Searcher(index_dir(root)) as searcher:
        assert [h.slug for h in searcher.search("alfa").results] == ["alfa"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet="aeiouAÉëïnstrdlk -'’.,\n0123456789", max_size=80) |
       st.sampled_from(["De Sociale  teams van het wijkteam, én de bewoners zijn er",
                        "Ëen café in de buurt: a b de het bewonersinitiatieven 2018"]),
       flags=st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()),
       start=st.integers(0, 5))
def test_fused_analyzer_gives_the_tokens_of_whooshs_chain(text, flags, start):
    # The one-loop analyzer must index exactly what Whoosh's filter chain would.
    from whoosh.analysis import CompositeAnalyzer

    from lexicon.search.engine import DUTCH, PLAIN

    positions, chars, removestops, no_morph = flags
    for fused in (DUTCH, PLAIN):
        chain = CompositeAnalyzer(*fused.items)
        options = dict(positions=positions, chars=chars, removestops=removestops, boosts=True,
                       start_pos=start, start_char=2 * start, mode="index")

        def seen(tokens):
            return [(t.text, t.stopped, t.boost, getattr(t, "pos", None),
                     getattr(t, "startchar", None), getattr(t, "endchar", None))
                    for t in tokens]

        assert seen(fused(text, no_morph=no_morph, **options)) == \
            seen(chain(text, no_morph=no_morph, **options))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet="aeiouAÉëïnstrdlk -'’.,\n0123456789", max_size=120) |
       st.sampled_from(["De Sociale  teams van het wijkteam, én de bewoners zijn er",
                        "de de Ëen café in de buurt: a b de het bewonersinitiatieven 2018 café"]))
def test_fast_formats_write_the_postings_of_whooshs_formats(text):
    # Each field's format takes its terms straight from the analyzer; the postings (term,
    # frequency, weight, encoded positions and offsets) must be those Whoosh's format makes
    # from the chain's tokens, for every format and analyzer the schema uses.
    from whoosh import formats

    from lexicon.search import engine

    checked = set()
    for name, field in engine.schema().items():
        fast = field.format
        if not isinstance(fast, (engine.FastFrequency, engine.FastPositions,
                                 engine.FastCharacters)):
            continue
        whoosh_format = next(c for c in type(fast).__mro__ if c.__module__ == "whoosh.formats")
        plain = whoosh_format(field_boost=fast.field_boost)
        assert type(plain) in (formats.Frequency, formats.Positions, formats.Characters)
        assert list(fast.word_values(text, field.analyzer, mode="index")) == \
            list(plain.word_values(text, field.analyzer, mode="index")), name
        checked.add(type(fast))
    assert len(checked) == 3  # the spell field counts, the summary keeps offsets


def test_term_profiles_count_the_terms_of_title_summary_and_body():
    from lexicon.search.engine import DUTCH, term_profile

    doc = {"title": "Sociale teams", "summary": "Teams in de wijk, dicht bij bewoners.",
           "body": "Het sociale team werkt in de wijk; de teams zijn sociaal."}
    joined = " ".join([doc["title"], doc["summary"], doc["body"]])
    expected: dict[str, int] = {}
    for token in DUTCH(joined):
        expected[token.text] = expected.get(token.text, 0) + 1
    assert term_profile(doc) == expected


def _with_extra_lemmas(count, body):
    """The test lexicon's files plus `count` lemma's "Bewoners extra i" with `body(i)`."""
    files = {**CLUSTERS, **site_files()}
    for i in range(count):
        files[f"lemmas/extra-{i}.md"] = lemma(f"Bewoners extra {i}", body(i))
    return files


def _whoosh_index():
    """Whoosh's index module, without the warnings Whoosh 2.7.4 gives on Python 3.11."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from whoosh import index
    return index


def test_the_bulk_writer_writes_the_files_whooshs_writer_writes(tmp_path):
    # Byte for byte, file by file: postings in blocks (a term in every lemma fills more than
    # one of Whoosh's 128-posting blocks), term infos, stored fields, lengths.
    from lexicon.search import engine
    from lexicon.search.bulk import BulkWriter

    whoosh_index = _whoosh_index()
    from whoosh.writing import SegmentWriter

    files = _with_extra_lemmas(300, lambda i: (
        f"## Kern\n\nBewoners en buurtbewoners {'wijk ' * (i % 7)}met [[vertrouwen]]"
        f"{' en ' + 'zorg ' * (i % 3) if i % 2 else ''}.\n"))
    lexicon = load_lexicon(write_files(tmp_path / "lex", files)).lexicon.published()
    titles = {e.slug: e.title for e in lexicon}
    documents = [engine.document(e, lexicon, titles) for e in lexicon]

    def written(folder, make):
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), engine.schema())
        writer = make(ix)
        for doc in documents:
            writer.add_document(**doc)
        writer.commit()
        segment = ix._segments()[0]
        ix.close()
        return {path.name.replace(segment.segment_id(), "ID"): path.read_bytes()
                for path in folder.iterdir() if segment.segment_id() in path.name}

    (tmp_path / "other").mkdir()
    theirs = written(tmp_path / "whoosh", lambda ix: SegmentWriter(ix, compound=False))
    ours = written(tmp_path / "bulk", lambda ix: BulkWriter(ix, compound=False))
    assert {name.rsplit(".", 1)[-1] for name in ours} >= {"trm", "pst", "lxp"}
    del ours["ID.lxp"]  # the side-car, beside Whoosh's files (next test)
    assert ours.keys() == theirs.keys()
    for name in ours:
        assert ours[name] == theirs[name], name
    writer = BulkWriter(whoosh_index.create_in(str(tmp_path / "other"), engine.schema()))
    with pytest.raises(ValueError):
        writer.add_document(_boost=2.0, slug="x")
    writer.cancel()


def test_the_side_car_holds_each_terms_postings_as_whooshs_blocks_do(tmp_path):
    # Every term of every field: the same documents and weights as Whoosh's blocks; after an
    # update (a deleted document, a second segment without side-car) searches rank as before.
    from lexicon.search import bulk, engine, ranking

    whoosh_index = _whoosh_index()
    files = _with_extra_lemmas(
        200, lambda i: f"## Kern\n\nBewoners {'wijk ' * (i % 5)}en [[vertrouwen]].\n")
    root = write_files(tmp_path / "lex", files)
    base = tmp_path / "index"
    update_index(load_lexicon(root).lexicon.published(), base, full=True)
    folder = engine.committed(base)
    ix = whoosh_index.open_dir(str(folder))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        sidecar = bulk.Sidecar.open(folder, reader.segment())
        assert sidecar is not None
        ranker = ranking.Ranker(searcher)  # without the folder: Whoosh's blocks only
        terms = list(reader.all_terms())
        assert len(terms) > 500
        for fieldname, btext in terms:
            ids, weights = sidecar.get(fieldname, btext)
            postings = ranker._from_blocks(fieldname, btext)
            assert ids.tolist() == postings.ids.tolist(), (fieldname, btext)
            assert weights.tolist() == postings.weights.tolist(), (fieldname, btext)
        assert sidecar.get("body", b"nergens") is None
        sidecar.close()
        # A damaged or foreign side-car is not used: the blocks are read instead.
        path = folder / reader.segment().make_filename(bulk.SIDECAR)
        whole = path.read_bytes()
        with Searcher(base) as intact:
            expected = intact.search("bewoners wijk").as_dict()
        for damaged in (whole[:-8], b"LXP1" + whole[4:12], b"nonsense", b""):
            path.write_bytes(damaged)
            assert bulk.Sidecar.open(folder, reader.segment()) is None
        path.write_bytes(whole[:-8])
        with Searcher(base) as damaged_index:
            assert damaged_index.search("bewoners wijk").as_dict() == expected
        path.write_bytes(whole)
    ix.close()
    with Searcher(base) as before:
        assert "extra-3" in [h.slug for h in before.search("bewoners", limit=100).results]
    (root / "lemmas" / "extra-3.md").unlink()
    (root / "lemmas" / "extra-4.md").write_text(
        lemma("Bewoners extra 4", "## Kern\n\nBewoners en wijk.\n"), encoding="utf-8")
    update_index(load_lexicon(root).lexicon.published(), base)
    with Searcher(base) as after:
        assert "extra-3" not in [h.slug for h in after.search("bewoners", limit=100).results]
        ix = whoosh_index.open_dir(str(engine.committed(base)))
        assert len(ix._segments()) == 2  # the second has no side-car: read from its blocks
        ix.close()
        with Searcher(tmp_path, folder=engine.committed(base)) as plain:
            plain.ranker = ranking.Ranker(plain.searcher)  # Whoosh's blocks everywhere
            plain.clusters = plain.ranker.groups("cluster")
            for query in ("bewoners", "wijk", "vertrouwen", "bewo"):
                assert after.search(query, prefix=True).as_dict() == \
                    plain.search(query, prefix=True).as_dict()


def test_an_index_written_on_two_cores_is_the_index_one_writer_makes(tmp_path, monkeypatch):
    # Same postings, stored fields, lengths (also the exact totals a score averages over) and
    # one segment, so every search answers as from the serial index.
    from lexicon.search import engine

    files = _with_extra_lemmas(12, lambda i: (
        f"## Kern\n\nBewoners en buurtbewoners {'wijk ' * i}met [[vertrouwen]].\n"))
    root = write_files(tmp_path / "lex", files)
    lexicon = load_lexicon(root).lexicon.published()
    monkeypatch.setattr(engine, "PARALLEL_MIN", 10**9)
    bases = {"serial": tmp_path / "serial", "parallel": tmp_path / "parallel"}
    update_index(lexicon, bases["serial"], full=True)
    # In a fresh process: this one may have threads (servers, browsers), and then indexing
    # rightly stays serial.
    script = textwrap.dedent(f"""\
        from pathlib import Path
        from lexicon import load_lexicon
        from lexicon.search import engine
        if not engine._can_fork():
            raise SystemExit(3)  # one core: nothing to compare
        engine.PARALLEL_MIN = 2
        ran = []
        write_in_two = engine._write_in_two
        engine._write_in_two = lambda *args: ran.append(1) or write_in_two(*args)
        lexicon = load_lexicon(Path({str(root)!r})).lexicon.published()
        engine.update_index(lexicon, Path({str(bases["parallel"])!r}), full=True)
        assert ran == [1]
        """)
    done = subprocess.run([sys.executable, "-c", script], timeout=300)
    if done.returncode == 3:
        pytest.skip("one core: a full index is written serially")
    assert done.returncode == 0

    def content(base):
        ix = _whoosh_index().open_dir(str(base / "current"))
        with ix.reader() as reader:
            fields = ix.schema.scorable_names()
            return (reader.is_atomic(),
                    [(f, t, list(reader.postings(f, t).items_as("weight")))
                     for f, t in reader.all_terms()],
                    [reader.stored_fields(d) for d in range(reader.doc_count_all())],
                    [[reader.doc_field_length(d, f) for f in fields]
                     for d in range(reader.doc_count_all())],
                    [reader.field_length(f) for f in fields])

    assert content(bases["parallel"]) == content(bases["serial"])
    assert content(bases["serial"])[0]  # one segment
    with Searcher(bases["serial"]) as one, Searcher(bases["parallel"]) as two:
        for query in ("bewoners", "buurtbewoners", "vertrouwn", "wijk", "bew"):
            assert two.search(query, prefix=True).as_dict() == \
                one.search(query, prefix=True).as_dict()


def test_closest_lemmas_from_the_names_file_or_from_an_older_index_without_it(
        searcher, index, tmp_path):
    from lexicon.search.engine import NAMES, committed, snapshot

    folder = committed(index)
    assert folder is not None and (folder / NAMES).is_file()
    older = tmp_path / "older"
    snapshot(folder, older)
    (older / NAMES).unlink()
    with Searcher(tmp_path, folder=older) as without:
        assert without.search("eenzmhaeid").closest == searcher.search("eenzmhaeid").closest
        assert [c.slug for c in without.closest("eenzmhaeid")] == ["eenzaamheid"]
