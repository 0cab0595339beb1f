"""The `lexicon` command: a thin adapter that parses options, calls the core and renders.

Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 wrong usage.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import signal
import sys
from pathlib import Path

import click

from . import report
from .build import BuildError, build_site
from .cli_support import DutchGroup, help_option
from .diagnostics import CODES
from .export import FORMATS
from .loader import LexiconError, LoadResult, load_lexicon
from .scaffold import scaffold
from .settings import Settings
from .slugs import slugify

ROOT = click.argument(
    "root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    required=False,
)


def load(root: Path, cache: bool = True) -> LoadResult:
    """Load with a progress bar on a terminal; environment failures become Dutch errors.

    Per-file results are cached outside the lexicon (see `checkcache`): unchanged files are
    not parsed again."""
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if total < 200 or not sys.stderr.isatty():
            return
        if bar is None:
            bar = click.progressbar(length=total, label="Bestanden lezen", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        return load_lexicon(root, progress=progress, cache=cache)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@click.group(cls=DutchGroup)
@click.version_option(package_name="nabijheid-lexicon", message="lexicon %(version)s",
                      help="Toon de versie en stop.")
@help_option()
def cli() -> None:
    """Lexicon nabijheid en sociaal werk: controleren, bouwen, zoeken en publiceren."""


def _root_and_files(paths: tuple[Path, ...]) -> tuple[Path, set[str] | None]:
    """The lexicon root for `check` and, when files were named, their paths within it.

    `check` takes one folder (the root) or any number of files, as a pre-commit hook passes
    them; a file's root is the nearest folder above it that has a lemmas/ folder.
    """
    if not paths:
        return Path("."), None
    folders = [p for p in paths if p.is_dir()]
    if folders:
        if len(paths) > 1:
            raise click.BadParameter("noem één map of een of meer bestanden", param_hint="PADEN")
        return folders[0], None
    roots: set[Path] = set()
    lemma_dir = Settings().lemma_dir
    for path in paths:
        root = next((d for d in path.resolve().parents if (d / lemma_dir).is_dir()), None)
        if root is None:
            raise click.BadParameter(f"'{path}' ligt niet in een lexicon (geen map lemmas/"
                                     " erboven)", param_hint="PADEN")
        roots.add(root)
    if len(roots) > 1:
        raise click.BadParameter("de bestanden horen bij verschillende lexicons",
                                 param_hint="PADEN")
    root = roots.pop()
    return root, {p.resolve().relative_to(root).as_posix() for p in paths}


@cli.command()
@click.argument("paths", metavar="[MAP | BESTANDEN...]", nargs=-1,
                type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True,
              help="Uitvoer voor mensen (text), voor tools (json) of als annotaties in een"
                   " GitHub pull request (github).")
@click.option("--strict", is_flag=True, help="Ook waarschuwingen laten falen (exit 1).")
@click.option("--no-cache", is_flag=True,
              help="Lees en controleer elk bestand opnieuw, ook als het niet is veranderd.")
@help_option()
def check(paths: tuple[Path, ...], fmt: str, strict: bool, no_cache: bool) -> None:
    """Controleer alle lemma's, clusters en pagina's in MAP (standaard: deze map).

    Met BESTANDEN (zoals een pre-commit-hook ze doorgeeft) wordt het hele lexicon gelezen,
    maar tonen alleen meldingen over die bestanden.
    """
    root, only = _root_and_files(paths)
    result = load(root, cache=not no_cache)
    lexicon, diagnostics = result.lexicon, result.diagnostics
    sizes = (len(lexicon.entries) + len(lexicon.unreadable), len(lexicon.clusters),
             len(lexicon.pages))
    if only is not None:
        diagnostics = [d for d in diagnostics if d.path in only]
    if fmt == "json":
        click.echo(report.as_json(diagnostics, *sizes, strict=strict))
    elif fmt == "github":
        for line in report.github_lines(diagnostics, root):
            click.echo(line)
    else:
        for line, is_error in report.text_lines(diagnostics, root):
            colour = "red" if is_error else "yellow"
            styled = click.style(line, fg=colour) if not line.startswith(" ") else line
            click.echo(styled, err=True)
        click.echo(report.summary(diagnostics, *sizes) if only is None else
                   report.files_summary(diagnostics, len(only)))
    failed = any(d.is_error for d in diagnostics) or (strict and bool(diagnostics))
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("title")
@click.option("--cluster", required=True, help="Slug van het cluster, bijv. sociale-nabijheid.")
@click.option("--summary", help="De definitie in één of twee zinnen.")
@click.option("--author", "authors", multiple=True,
              help="Auteur van het lemma (mag vaker); standaard 'Redactie digitale editie'.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=".", show_default=True, help="De map van het lexicon.")
@help_option()
def new(title: str, cluster: str, summary: str | None, authors: tuple[str, ...],
        root: Path) -> None:
    """Maak een nieuw lemma TITLE aan in lemmas/, met status 'concept'."""
    slug = slugify(title)
    if not slug:
        raise click.BadParameter("de titel bevat geen letters of cijfers", param_hint="TITLE")
    lexicon = load(root).lexicon
    if cluster not in lexicon.clusters:
        choices = ", ".join(lexicon.clusters) or "(nog geen clusters)"
        raise click.BadParameter(f"onbekend cluster '{cluster}'; kies uit {choices}",
                                 param_hint="--cluster")
    target = root / "lemmas" / f"{slug}.md"
    if target.exists() or target.is_symlink():
        raise click.ClickException(f"{target} bestaat al; kies een andere titel of bewerk dat"
                                   " bestand")
    for entry in lexicon:
        names = {slugify(n) for n in (entry.title, *entry.aliases, *entry.redirect_from)}
        if slug in names:
            raise click.ClickException(
                f"'{title}' is al de titel, alias of oude naam van lemma '{entry.slug}'")
    target.write_text(
        scaffold(title, cluster, summary=summary, authors=list(authors) or None),
        encoding="utf-8",
    )
    click.echo(f"Nieuw lemma: {target} (status: concept).")
    click.echo("Vul de samenvatting en de tekst aan, controleer met 'lexicon check' en zet de"
               " status op 'gepubliceerd' als het lemma klaar is.")


@cli.command()
@help_option()
def codes() -> None:
    """Toon alle meldingscodes met hun betekenis."""
    for info in CODES.values():
        click.echo(f"{info.code} ({info.severity.value}) {info.title}")
        click.echo(f"    {info.explanation}")


def _progress_bar(label: str):  # type: ignore[no-untyped-def]
    """A progress callback that draws a bar on a terminal (and stays silent otherwise)."""
    state: dict[str, object] = {}

    def progress(done: int, total: int) -> None:
        if not sys.stderr.isatty() or total < 50:
            return
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
            state["bar"] = bar
        bar.update(1)  # type: ignore[attr-defined]
        if done == total:
            bar.__exit__(None, None, None)  # type: ignore[attr-defined]

    return progress


def _check_or_exit(root: Path, strict: bool) -> LoadResult:
    result = load(root)
    shown = [d for d in result.diagnostics if d.is_error or strict]
    for line, is_error in report.text_lines(shown, root):
        click.echo(click.style(line, fg="red" if is_error else "yellow")
                   if not line.startswith(" ") else line, err=True)
    if any(d.is_error for d in result.diagnostics) or (strict and result.diagnostics):
        errors, warnings = len(result.errors), len(result.diagnostics) - len(result.errors)
        raise click.ClickException(
            f"niet gebouwd: {errors} fout(en){f', {warnings} waarschuwing(en)' if strict else ''}"
            " — los ze op en probeer opnieuw")
    return result


@cli.command()
@ROOT
@click.option("--full", is_flag=True, help="Bouw de index helemaal opnieuw op.")
@help_option()
def index(root: Path, full: bool) -> None:
    """Werk de zoekindex bij (alleen gewijzigde lemma's, tenzij --full)."""
    from .search import index_dir, update_index

    lexicon = _check_or_exit(root, strict=False).lexicon.published()
    stats = update_index(lexicon, index_dir(root), full=full,
                         progress=_progress_bar("Zoekindex bijwerken"))
    click.echo(f"Zoekindex: {stats.added} nieuw, {stats.updated} gewijzigd, {stats.removed}"
               f" verwijderd, {stats.unchanged} ongewijzigd"
               f" ({'volledig' if stats.full else 'bijgewerkt'}, {stats.seconds:.2f} s).")


def _show_build_warning(message: str) -> None:
    # Our plugin's lines are already "path:line:col: waarschuwing CODE …"; MkDocs' are not.
    prefix = "lexicon: "
    text = message[len(prefix):] if message.startswith(prefix) else f"waarschuwing: {message}"
    click.echo(click.style(text, fg="yellow") if not text.startswith(" ") else text, err=True)


@cli.command()
@ROOT
@click.option("--strict", is_flag=True, help="Ook bij waarschuwingen niet bouwen.")
@click.option("--drafts", is_flag=True, help="Neem lemma's met status 'concept' op.")
@help_option()
def build(root: Path, strict: bool, drafts: bool) -> None:
    """Controleer, werk de zoekindex bij en bouw de site in site/."""
    result = _check_or_exit(root, strict)
    count = len(result.lexicon) if drafts else len(result.lexicon.published())
    click.echo(f"Site bouwen met {count} lemma's…", err=True)
    try:
        site, seconds = build_site(
            root, strict=strict, drafts=drafts,
            on_warning=_show_build_warning, loaded=result)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Klaar: {count} lemma's in {seconds:.1f} s gebouwd naar {site}/.")


@cli.command()
@ROOT
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Poort.")
@help_option()
def serve(root: Path, host: str, port: int) -> None:
    """Serveer de gebouwde site en de zoek-API (zoals in productie)."""
    from .server import create_app
    from .server import serve as run_server

    if not (root / "site").exists():
        raise click.ClickException("er is nog geen site: voer eerst 'lexicon build' uit")
    click.echo(f"Site en zoek-API op http://{host}:{port}/ (stoppen: Ctrl+C)", err=True)
    try:
        run_server(create_app(root.resolve()), host, port)
    except OSError as exc:
        raise click.ClickException(f"kan niet luisteren op {host}:{port} ({exc.strerror})"
                                   ) from None


@cli.command()
@ROOT
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Poort.")
@click.option("--no-drafts", is_flag=True, help="Laat lemma's met status 'concept' weg.")
@click.option("--editor-port", default=8081, show_default=True, type=click.IntRange(1, 65535),
              help="Poort van decap-server, die de browser-editor laat opslaan.")
@click.option("--no-editor", is_flag=True, help="Zonder browser-editor onder /admin/.")
@help_option()
def preview(root: Path, host: str, port: int, no_drafts: bool, editor_port: int,
            no_editor: bool) -> None:
    """Bekijk de site terwijl je schrijft: herbouwt en herlaadt bij elke wijziging.

    Onder /admin/ staat de browser-editor: wat je daar opslaat, komt meteen in lemmas/.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    from .decap import DecapMissing, start_server

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["LEXICON_DRAFTS"] = "false" if no_drafts else "true"
    # Stopped with SIGTERM (by a service manager or a test) as with Ctrl+C: MkDocs shuts down
    # and `finally` below stops decap-server instead of leaving it running.
    signal.signal(signal.SIGTERM, _interrupt)
    editor = None
    if not no_editor:
        try:
            editor = start_server(root, editor_port)
        except DecapMissing as exc:
            click.echo(click.style(f"Let op: geen browser-editor: {exc}.", fg="yellow"),
                       err=True)
    os.environ["LEXICON_ADMIN"] = "true" if editor is not None else "false"
    os.environ["LEXICON_CMS_LOCAL_BACKEND"] = f"http://127.0.0.1:{editor_port}/api/v1"
    click.echo(f"Voorbeeld op http://{host}:{port}/ — wijzigingen in lemmas/, clusters/ en"
               " pages/ worden direct zichtbaar (stoppen: Ctrl+C)", err=True)
    if editor is not None:
        click.echo(f"Browser-editor op http://{host}:{port}/admin/ — opslaan schrijft in"
                   f" {root.resolve() / 'lemmas'}", err=True)
    try:
        # MkDocs 1.6.1 with click >= 8.2 leaves live reload off by default: turn it on.
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True,
                     dev_addr=f"{host}:{port}")
    except OSError as exc:
        raise click.ClickException(f"kan niet luisteren op {host}:{port} ({exc.strerror})"
                                   ) from None
    finally:
        if editor is not None:
            editor.terminate()
            editor.wait(timeout=10)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@cli.command()
@click.argument("query")
@click.option("--cluster", help="Alleen lemma's uit dit cluster.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100),
              help="Hoeveel resultaten.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Uitvoer voor mensen of als JSON.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=".", show_default=True, help="De map van het lexicon.")
@help_option()
def search(query: str, cluster: str | None, limit: int, fmt: str, root: Path) -> None:
    """Zoek QUERY in het lexicon (bouw eerst de index met 'lexicon index' of 'build')."""
    from .search import Searcher, index_dir

    try:
        searcher = Searcher(index_dir(root))
    except (FileNotFoundError, OSError):
        raise click.ClickException("er is nog geen zoekindex: voer eerst 'lexicon index' uit"
                                   ) from None
    with searcher:
        result = searcher.search(query, cluster=cluster, limit=limit, base_url="/")
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    if result.corrected:
        click.echo(f"Bedoelde je: {result.corrected}?")
    click.echo(f"{result.total} {'lemma' if result.total == 1 else 'lemma' + chr(39) + 's'}"
               f" gevonden voor '{result.query}'.")
    for n, hit in enumerate(result.results, 1):
        click.echo(f"\n{n}. " + click.style(hit.title, bold=True) + f"  [{hit.cluster}]")
        snippet = re.sub(r"<mark[^>]*>(.*?)</mark>",
                         lambda m: click.style(m.group(1), fg="yellow", bold=True), hit.snippet)
        snippet = re.sub(r"<[^>]+>", "", snippet)
        click.echo("   " + html.unescape(snippet or hit.summary))


@cli.command("eval-search")
@click.argument("queries", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Uitvoer voor mensen of als JSON.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=".", show_default=True, help="De map van het lexicon.")
@help_option()
def eval_search(queries: Path, fmt: str, root: Path) -> None:
    """Meet de zoekkwaliteit (MRR@10, recall@5) met de beoordeelde zoekvragen in QUERIES."""
    from .evaluation import QuerySetError, evaluate, load_queries, unknown_slugs
    from .search import Searcher, index_dir, update_index

    try:
        judgements = load_queries(queries)
    except QuerySetError as exc:
        raise click.ClickException(str(exc)) from None
    lexicon = _check_or_exit(root, strict=False).lexicon.published()
    wrong = unknown_slugs(judgements, lexicon.entries)
    if wrong:
        for j in wrong:
            missing = ", ".join(s for s in j.relevant if s not in lexicon)
            click.echo(f"{queries}:{j.line}: onbekend lemma in 'rel': {missing}", err=True)
        raise click.ClickException(f"{len(wrong)} zoekvraag/-vragen noemen een onbekend lemma")
    update_index(lexicon, index_dir(root))
    with Searcher(index_dir(root)) as searcher:
        report_ = evaluate(lambda q: [h.slug for h in searcher.search(q, limit=10).results],
                           judgements)
    if fmt == "json":
        click.echo(json.dumps(report_.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{len(report_.rows)} zoekvragen: MRR@10 {report_.mrr:.3f}, recall@5"
               f" {report_.recall:.3f}")
    for kind, (n, mrr, rec) in report_.by_kind().items():
        click.echo(f"  {kind:<11} {n:>3} vragen  MRR@10 {mrr:.3f}  recall@5 {rec:.3f}")
    misses = report_.misses()
    if misses:
        click.echo("\nNiet als eerste gevonden:")
        for row in misses:
            top = ", ".join(row.ranking[:3]) or "geen resultaten"
            click.echo(f"  '{row.judgement.query}' → verwacht {row.judgement.relevant[0]},"
                       f" kreeg {top}")


@cli.command()
@ROOT
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Uitvoer voor mensen of als JSON.")
@click.option("--months", default=24, show_default=True, type=click.IntRange(1, 1200),
              help="Na hoeveel maanden zonder 'updated' een lemma verouderd heet.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Rapporteer alsof het vandaag deze datum is (JJJJ-MM-DD).")
@help_option()
def stats(root: Path, fmt: str, months: int, today: dt.datetime | None) -> None:
    """Gezondheidsrapport voor de redactie: clusters, wezen, literatuur, lengte, links,
    begrippen zonder lemma en verouderde lemma's."""
    from .stats import compute, text_report

    result = load(root)
    if result.errors:
        click.echo(click.style(f"Let op: het lexicon heeft {len(result.errors)} fout(en); zie"
                               " 'lexicon check'.", fg="yellow"), err=True)
    report_data = compute(result.lexicon, today=(today.date() if today else dt.date.today()),
                          stale_months=months)
    if fmt == "json":
        click.echo(json.dumps(report_data.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(text_report(report_data), nl=False)


@cli.command()
@ROOT
@click.option("--check", "fetch", is_flag=True,
              help="Haal elke link op en meld wat niet (meer) werkt (gebruikt het netwerk).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Uitvoer voor mensen, als JSON of als GitHub-annotaties.")
@click.option("--timeout", default=15.0, show_default=True, type=click.FloatRange(1, 120),
              help="Seconden per link.")
@click.option("--workers", default=8, show_default=True, type=click.IntRange(1, 32),
              help="Hoeveel links tegelijk.")
@help_option()
def links(root: Path, fetch: bool, fmt: str, timeout: float, workers: int) -> None:
    """Toon de externe links in lemma's, of controleer ze met --check."""
    from .links import diagnostics, external_links

    found = external_links(load(root).lexicon)
    distinct = sorted({link.url for link in found})
    if not fetch:
        if fmt == "json":
            click.echo(json.dumps([vars(link) for link in found], ensure_ascii=False, indent=2))
        else:
            for link in found:
                click.echo(f"{report.display_path(root, link.path)}:{link.line}:{link.column}:"
                           f" {link.url}")
            click.echo(f"{len(found)} externe links ({len(distinct)} verschillende).", err=True)
        return
    from .linkcheck import check_all

    click.echo(f"{len(distinct)} externe links controleren…", err=True)
    results = check_all(distinct, workers=workers, timeout=timeout)
    problems = diagnostics(found, results)
    if fmt == "json":
        click.echo(json.dumps({"checked": len(distinct),
                               "diagnostics": [d.as_dict() for d in problems]},
                              ensure_ascii=False, indent=2))
    elif fmt == "github":
        for line in report.github_lines(problems, root):
            click.echo(line)
    else:
        for line, is_error in report.text_lines(problems, root):
            click.echo(click.style(line, fg="red" if is_error else "yellow")
                       if not line.startswith(" ") else line, err=True)
    broken = sum(1 for d in problems if d.is_error)
    click.echo(f"{len(distinct)} links gecontroleerd: {broken} werken niet,"
               f" {len(problems) - broken} onzeker.", err=True)
    sys.exit(1 if broken else 0)


def _slug_list(value: str | None) -> set[str] | None:
    if not value:
        return None
    return {s.strip() for s in value.split(",") if s.strip()}


@cli.command()
@ROOT
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), required=True,
              help="skos (Turtle), jsonld, json, csv, bibtex, ris of csl (CSL-JSON).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Schrijf naar dit bestand (standaard: het scherm).")
@click.option("--lemmas", help="Alleen deze lemma's, met komma's gescheiden: a,b,c.")
@click.option("--cluster", help="Alleen de lemma's van dit cluster.")
@help_option()
def export(root: Path, fmt: str, output: Path | None, lemmas: str | None,
           cluster: str | None) -> None:
    """Exporteer de gepubliceerde lemma's als SKOS, JSON-LD, JSON, CSV of citaties."""
    from .export import render

    result = _check_or_exit(root, strict=False)
    lexicon = result.lexicon.published()
    wanted = _slug_list(lemmas)
    if wanted:
        unknown = sorted(wanted - set(lexicon.entries))
        if unknown:
            raise click.BadParameter(f"onbekende lemma's: {', '.join(unknown)}",
                                     param_hint="--lemmas")
    if cluster and cluster not in lexicon.clusters:
        raise click.BadParameter(f"onbekend cluster '{cluster}'; kies uit"
                                 f" {', '.join(lexicon.clusters)}", param_hint="--cluster")
    text = render(fmt, lexicon.subset(wanted, cluster), result.project)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    _write_atomically(output, text)
    click.echo(f"{fmt} geschreven naar {output} ({len(lexicon.subset(wanted, cluster))}"
               " lemma's).", err=True)


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    os.replace(temporary, path)


@cli.command()
@click.argument("slugs", nargs=-1)
@click.option("--title", help="Titel van de leeslijst.")
@click.option("--description", default="", help="Toelichting voor de lezers.")
@click.option("--author", default="", help="Wie de lijst samenstelde.")
@click.option("--list", "list_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Een leeslijst in YAML (title, description, lemmas) in plaats van SLUGS.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Map waarin index.html komt.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=".", show_default=True, help="De map van het lexicon.")
@help_option()
def leeslijst(slugs: tuple[str, ...], title: str | None, description: str, author: str,
              list_file: Path | None, output: Path, root: Path) -> None:
    """Maak een printbare hand-out van de lemma's SLUGS (of van een leeslijst in YAML)."""
    import yaml

    from .export.handout import handout_html

    result = _check_or_exit(root, strict=False)
    lexicon = result.lexicon.published()
    if list_file is not None:
        try:
            data = yaml.safe_load(list_file.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"geen geldige YAML: {exc}", param_hint="--list") from None
        if not isinstance(data, dict):
            raise click.BadParameter("verwacht velden title en lemmas", param_hint="--list")
        slugs = tuple(str(s) for s in data.get("lemmas") or [])
        title = title or str(data.get("title") or "")
        description = description or str(data.get("description") or "")
        author = author or str(data.get("author") or "")
    if not slugs:
        raise click.UsageError("noem de lemma's (slugs) of geef --list")
    unknown = [s for s in slugs if s not in lexicon]
    if unknown:
        raise click.BadParameter(f"onbekende lemma's: {', '.join(unknown)}", param_hint="SLUGS")
    entries = [lexicon.entries[s] for s in slugs]
    html_text = handout_html(title or "Leeslijst", description, entries, lexicon,
                             result.project, author=author)
    _write_atomically(output / "index.html", html_text)
    click.echo(f"Leeslijst met {len(entries)} lemma's geschreven naar {output / 'index.html'}.")


@cli.group(cls=DutchGroup)
@help_option()
def dev() -> None:
    """Hulpmiddelen voor ontwikkelaars (metingen en schaaltests)."""


@dev.command("corpus")
@click.argument("n", type=click.IntRange(1, 100_000))
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=0, show_default=True, help="Startwaarde van het toeval.")
@help_option()
def dev_corpus(n: int, directory: Path, seed: int) -> None:
    """Schrijf een synthetisch lexicon van N lemma's in DIRECTORY (voor metingen)."""
    from .devtools.corpus import write_corpus

    if (directory / "lemmas").exists() and any((directory / "lemmas").iterdir()):
        raise click.ClickException(f"{directory / 'lemmas'} is niet leeg: kies een lege map")
    count = write_corpus(directory, n, seed)
    click.echo(f"{count} bestanden geschreven naar {directory}/ ({n} lemma's).")
