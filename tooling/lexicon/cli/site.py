"""Commands that build, serve and search the site: index, build, serve, preview, search,
eval-search."""

from __future__ import annotations

import html
import json
import os
import re
import signal
from pathlib import Path

import click

from lexicon.cli.common import ROOT, check_or_exit, command, help_option, progress_bar
from lexicon.site.build import BuildError, build_site


@command()
@ROOT
@click.option("--full", is_flag=True, help="Bouw de index helemaal opnieuw op.")
@help_option()
def index(root: Path, full: bool) -> None:
    """Werk de zoekindex bij (alleen gewijzigde lemma's, tenzij --full)."""
    from lexicon.search.engine import index_dir, update_index

    lexicon = check_or_exit(root, strict=False).lexicon.published()
    stats = update_index(lexicon, index_dir(root), full=full,
                         progress=progress_bar("Zoekindex bijwerken"))
    click.echo(f"Zoekindex: {stats.added} nieuw, {stats.updated} gewijzigd, {stats.removed}"
               f" verwijderd, {stats.unchanged} ongewijzigd"
               f" ({'volledig' if stats.full else 'bijgewerkt'}, {stats.seconds:.2f} s).")


def _show_build_warning(message: str) -> None:
    # Our plugin's lines are already "path:line:col: waarschuwing CODE …"; MkDocs' are not.
    prefix = "lexicon: "
    text = message[len(prefix):] if message.startswith(prefix) else f"waarschuwing: {message}"
    click.echo(click.style(text, fg="yellow") if not text.startswith(" ") else text, err=True)


@command()
@ROOT
@click.option("--strict", is_flag=True, help="Ook bij waarschuwingen niet bouwen.")
@click.option("--drafts", is_flag=True, help="Neem lemma's met status 'concept' op.")
@click.option("--publiceer", "publish", is_flag=True,
              help="Bouw voor lezers: weiger een publiek adres op deze computer (localhost,"
                   " 127.0.0.1) en controleer dat geen bestand zo'n adres bevat.")
@click.option("--statisch", "static", is_flag=True,
              help="Voor een host zonder zoek-API (GitHub Pages): pagina's vragen er niet om.")
@help_option()
def build(root: Path, strict: bool, drafts: bool, publish: bool, static: bool) -> None:
    """Controleer, werk de zoekindex bij en bouw de site in site/.

    Het publieke adres komt uit lexicon.yml (url) of uit LEXICON_SITE_URL (die gaat voor).
    """
    result = check_or_exit(root, strict)
    count = len(result.lexicon) if drafts else len(result.lexicon.published())
    if publish:
        click.echo(f"Publiek adres: {result.project.url}", err=True)
    click.echo(f"Site bouwen met {count} lemma's…", err=True)
    try:
        site, seconds = build_site(
            root, strict=strict, drafts=drafts, publish=publish, static=static,
            on_warning=_show_build_warning, loaded=result)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Klaar: {count} lemma's in {seconds:.1f} s gebouwd naar {site}/.")


def _built_static(site: Path) -> bool:
    """Whether the site in `site` was built for a static host (`lexicon build --statisch`)."""
    try:
        head = (site / "index.html").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    head = head.split("</head>", 1)[0]
    return '<meta name="lexicon-search-api" content="nee">' in head


@command()
@ROOT
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Poort.")
@click.option("--no-log", is_flag=True,
              help="Zonder toegangslog (anders één JSON-regel per verzoek op stderr).")
@help_option()
def serve(root: Path, host: str, port: int, no_log: bool) -> None:
    """Serveer de gebouwde site en de zoek-API (zoals in productie).

    Voor een eigen server of container: lexicon.serve.wsgi:application (zie README,
    'Publiceren')."""
    from lexicon.serve.app import create_app
    from lexicon.serve.app import serve as run_server

    if not (root / "site").exists():
        raise click.ClickException("er is nog geen site: voer eerst 'lexicon build' uit")
    if _built_static(root / "site"):
        click.echo(click.style("Let op: deze site is gebouwd met --statisch; de pagina's vragen"
                               " de zoek-API niet. Bouw opnieuw zonder --statisch.",
                               fg="yellow"), err=True)
    click.echo(f"Site en zoek-API op http://{host}:{port}/ (stoppen: Ctrl+C)", err=True)
    try:
        run_server(create_app(root.resolve()), host, port, log=not no_log)
    except OSError as exc:
        raise click.ClickException(f"kan niet luisteren op {host}:{port} ({exc.strerror})"
                                   ) from None


@command()
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
    from lexicon.editorial.decap import DecapMissing, start_server
    from lexicon.site.preview import live_preview

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
        live_preview(root, host, port)
    except OSError as exc:
        raise click.ClickException(f"kan niet luisteren op {host}:{port} ({exc.strerror})"
                                   ) from None
    finally:
        if editor is not None:
            editor.terminate()
            editor.wait(timeout=10)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


@command()
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
    from lexicon.search.engine import Searcher, index_dir

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
    found = f"{result.total} {'lemma' if result.total == 1 else 'lemma' + chr(39) + 's'}"
    if result.retried == "spelling":
        click.echo(f"Geen lemma's gevonden voor '{result.query}'; {found} gevonden voor"
                   f" '{result.corrected}'.")
    elif result.retried == "loose":
        click.echo(f"Geen lemma's gevonden voor '{result.query}'; ruimer gezocht, op woorden"
                   f" die beginnen met '{result.corrected or result.query}': {found}.")
    else:
        if result.corrected and result.total:
            click.echo(f"Bedoelde je: {result.corrected}?")
        click.echo(f"{found} gevonden voor '{result.query}'.")
    if result.closest:
        click.echo("Bedoelde je een van deze lemma's: "
                   + ", ".join(c.title for c in result.closest) + "?")
    if not result.total:
        click.echo("Of zoek in het register A–Z: /register/")
    for n, hit in enumerate(result.results, 1):
        click.echo(f"\n{n}. " + click.style(hit.title, bold=True) + f"  [{hit.cluster}]")
        snippet = re.sub(r"<mark[^>]*>(.*?)</mark>",
                         lambda m: click.style(m.group(1), fg="yellow", bold=True), hit.snippet)
        snippet = re.sub(r"<[^>]+>", "", snippet)
        click.echo("   " + html.unescape(snippet or hit.summary))


@command("eval-search")
@click.argument("queries", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Uitvoer voor mensen of als JSON.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=".", show_default=True, help="De map van het lexicon.")
@click.option("--static", "site", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Meet de zoekfunctie voor een statische host: de gebouwde site in deze map,"
                   " in headless Chromium.")
@help_option()
def eval_search(queries: Path, fmt: str, root: Path, site: Path | None) -> None:
    """Meet de zoekkwaliteit (MRR@10, recall@5) met de beoordeelde zoekvragen in QUERIES.

    Zonder --static meet het de zoekfunctie van 'lexicon serve'; met --static SITE die in
    de browser op een statische host, met dezelfde tabel, zodat je ze kunt vergelijken."""
    from lexicon.devtools.evaluation import QuerySetError, evaluate, load_queries, unknown_slugs
    from lexicon.search.engine import Searcher, index_dir, update_index

    try:
        judgements = load_queries(queries)
    except QuerySetError as exc:
        raise click.ClickException(str(exc)) from None
    lexicon = check_or_exit(root, strict=False).lexicon.published()
    wrong = unknown_slugs(judgements, lexicon.entries)
    if wrong:
        for j in wrong:
            missing = ", ".join(s for s in j.relevant if s not in lexicon)
            click.echo(f"{queries}:{j.line}: onbekend lemma in 'rel': {missing}", err=True)
        raise click.ClickException(f"{len(wrong)} zoekvraag/-vragen noemen een onbekend lemma")
    if site is not None:
        from lexicon.devtools.static_search import StaticSearchUnavailable, static_search

        try:
            with static_search(site) as engine:
                report_ = evaluate(engine.slugs, judgements)
        except StaticSearchUnavailable as exc:
            raise click.ClickException(str(exc)) from None
    else:
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


@command()
@click.argument("naam")
@ROOT
@click.option("--bericht", default="", help="Tekst van de tag (standaard: de naam van de editie).")
@help_option()
def editie(naam: str, root: Path, bericht: str) -> None:
    """Maak een editie: tag HEAD als editie-JJJJ-MM en bouw de site met die editie.

    NAAM is bijvoorbeeld editie-2026-12 (of 2026-12). De editie komt alleen tot stand als
    het lexicon foutloos is, de inhoud vastgelegd is en de site met de editie bouwt; anders
    wordt de tag weer verwijderd. Daarna: git push origin NAAM."""
    from lexicon.core.revisions import parse_edition
    from lexicon.editorial import history

    edition = parse_edition(naam if naam.startswith("editie-") else f"editie-{naam}")
    if edition is None:
        raise click.BadParameter(f"'{naam}' is geen editienaam; gebruik editie-JJJJ-MM,"
                                 " bijvoorbeeld editie-2026-12", param_hint="NAAM")
    reason = history.unavailable(root)
    if reason:
        raise click.ClickException(f"geen editie mogelijk: {reason}"
                                   " (haal de hele geschiedenis op: git fetch --unshallow)")
    existing = history.editions(root)
    if any(e.name == edition.name for e in existing):
        raise click.ClickException(f"{edition.name} bestaat al; een editie verandert nooit")
    if existing and existing[-1] > edition:
        raise click.ClickException(f"{edition.name} ligt vóór de laatste editie"
                                   f" ({existing[-1].name}); kies een latere maand")
    try:
        if not history.head_is_clean(root):
            raise click.ClickException(
                "er zijn niet-vastgelegde wijzigingen in de inhoud (lemmas/, clusters/, pages/,"
                " leeslijsten/, lexicon.yml): leg ze eerst vast of zet ze opzij")
        result = check_or_exit(root, strict=False)
        commit = history.create_tag(root, edition, bericht or f"Lexicon, {edition.label}")
    except history.GitError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Site bouwen met de {edition.label}…", err=True)
    try:
        site, seconds = build_site(root, on_warning=_show_build_warning, loaded=result)
    except BuildError as exc:
        history.delete_tag(root, edition)
        raise click.ClickException(f"{exc}\nde tag {edition.name} is weer verwijderd") from None
    pages = list((site / "editie" / edition.key).glob("lemma/*/index.html"))
    # Unchanged lemma's get a forwarding page (a meta refresh) to the edition they stand in.
    changed = sum('http-equiv="refresh"' not in p.read_text(encoding="utf-8") for p in pages)
    click.echo(f"Editie {edition.name} gemaakt op {commit[:12]}: {changed} gewijzigde en"
               f" {len(pages) - changed} ongewijzigde lemma's onder /editie/{edition.key}/;"
               f" site in {seconds:.1f} s gebouwd naar {site}/.")
    click.echo(f"Publiceren: git push origin {edition.name}")
