"""The `lexicon` MkDocs plugin: a thin adapter between MkDocs events and the core.

on_config   load + validate the lexicon once; fail on errors; register templates and assets;
            read each lemma's history and the edition tags from git (editorial.history)
on_files    add the pages that are not files (lemma's, clusters, register, map, home) and
            the published data: exports, citations, embeds, handouts, redirects, oEmbed
            JSON, social cards, and the archived editions' changed lemma's (site.editions)
on_page_markdown  rewrite wikilinks in the editor-written pages (pages/*.md)
on_page_context   hand `lexicon_entry` / `lexicon_site` to the templates
on_post_page / on_post_template  tell every page (and 404.html) whether the search API exists
on_serve          watch lemmas/, clusters/ and lexicon.yml, which live outside docs_dir; serve
                  the browser editor's page without MkDocs' live-reload script
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from lexicon.core import csp, urls
from lexicon.core.graph import LinkGraph
from lexicon.core.loader import LexiconError, LoadResult, load_lexicon
from lexicon.core.model import Lexicon
from lexicon.core.project import Project, url_override
from lexicon.core.report import text_lines
from lexicon.core.revisions import History
from lexicon.core.slugs import heading_anchor
from lexicon.editorial import decap
from lexicon.editorial.history import lemma_histories
from lexicon.export.card import CardCache
from lexicon.export.embed import oembed_json
from lexicon.search import static
from lexicon.search.engine import (
    PreparedIndex,
    committed,
    index_dir,
    prepare_index,
)
from lexicon.site import generated
from lexicon.site.artifacts import published_files
from lexicon.site.background import IndexWork, LaterSimilar
from lexicon.site.conceptmap import Places
from lexicon.site.config import LexiconConfig
from lexicon.site.context import SiteContext, entry_context, site_context
from lexicon.site.editions import Editions, edition_files, load_editions
from lexicon.site.preview import without_live_reload

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
CSS = "assets/lexicon/lexicon.css"
CLUSTER_CSS = "assets/lexicon/clusters.css"
SEARCH_JS = "assets/lexicon/search.js"
JS = "assets/lexicon/lexicon.js"
SEARCH_FLAG = "lexicon-search-api"
_MAX_ERRORS_SHOWN = 30
PLACES = Path(".lexicon-cache") / "local-maps.json"
"""Local map placements kept between builds, beside the social cards."""


@dataclass(frozen=True)
class _State:
    """What one build knows: set in on_config, read by the later events."""

    root: Path
    lexicon: Lexicon
    graph: LinkGraph
    project: Project
    entry_by_src: dict[str, str]
    similar: Mapping[str, tuple[str, ...]]
    """"Lijkt op" per lemma (computed on the second core while pages are converted)."""
    site: SiteContext
    """The same for every page: computed once per build, not once per page."""
    histories: dict[str, History]
    editions: Editions
    places: Places
    """Local map placements kept between builds (saved in on_post_build)."""


class LexiconPlugin(BasePlugin[LexiconConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.state: _State | None = None
        self.prepared: PreparedIndex | None = None
        self.work: IndexWork | None = None
        """"Lijkt op" and the browser index of `prepared` (see `background`)."""
        self.preloaded: tuple[Path, LoadResult] | None = None
        """(root, result) of a load done just before the build by its caller; used when it
        was read with the public address this build uses."""

    # https://www.mkdocs.org/dev-guide/plugins/#on_startup
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    # https://www.mkdocs.org/dev-guide/plugins/#on_config
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = (Path(config.config_file_path or ".").parent / self.config.root).resolve()
        url = url_override() or config.site_url
        preloaded = self.preloaded
        self.preloaded = None
        if preloaded is not None and preloaded[0] == root and (
                url is None or preloaded[1].project.url == Project().with_url(url).url):
            result = preloaded[1]  # `lexicon build` has just read and checked these files
        else:
            try:
                result = load_lexicon(root, url=url, cache=True)
            except LexiconError as exc:
                raise PluginError(str(exc)) from None
        project, diagnostics = result.project, result.diagnostics
        errors = [d for d in diagnostics if d.is_error]
        for line, _ in text_lines([d for d in diagnostics if not d.is_error], root):
            # 'warning' on purpose: `mkdocs build --strict` then fails on editorial warnings.
            log.warning(line)
        if errors:
            shown = [line for line, _ in text_lines(errors[:_MAX_ERRORS_SHOWN], root)]
            more = len(errors) - _MAX_ERRORS_SHOWN
            if more > 0:
                shown.append(f"… en nog {more} fouten (zie 'lexicon check')")
            raise PluginError(f"het lexicon bevat {len(errors)} fout(en):\n" + "\n".join(shown))
        lexicon = result.lexicon if self.config.drafts else result.lexicon.published()
        config.site_url = project.url
        histories: dict[str, History] = {}
        if self.config.history:
            histories = lemma_histories(root, list(lexicon.entries),
                                        {e.slug: e.redirect_from for e in lexicon})
        editions = load_editions(root, url, log.info) if self.config.editions else Editions()
        self.state = _State(
            root=root,
            lexicon=lexicon,
            graph=LinkGraph.build(lexicon),
            project=project,
            entry_by_src={urls.entry_src(slug): slug for slug in lexicon.entries},
            similar=self._search_index(root, lexicon) if self.config.search_index else {},
            site=site_context(lexicon, project),
            histories=histories,
            editions=editions,
            places=Places.load(root / PLACES),
        )
        config.theme.dirs.append(str(TEMPLATES))
        for css in (CSS, CLUSTER_CSS):
            if css not in config.extra_css:
                config.extra_css.append(css)
        scripts = [str(s) for s in config.extra_javascript]
        for script in (JS, SEARCH_JS):
            if script not in scripts:
                config.extra_javascript.append(script)
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        # Anchors on the site must be the anchors the core checks [[slug#anchor]] against.
        config.mdx_configs.setdefault("toc", {})["slugify"] = heading_anchor
        if self.config.navigation and not config.nav:
            config.nav = self._navigation(config)
        return config

    def _search_index(self, root: Path, lexicon: Lexicon) -> Mapping[str, tuple[str, ...]]:
        """Prepare the updated Whoosh index (only changed lemma's), and start "lijkt op" and
        the browser index from it (on the second core, for a large lexicon).

        The index becomes current only in on_post_build, when the site is complete: a build
        that fails leaves the previous index untouched."""
        self._discard_index()
        self.prepared = prepare_index(lexicon, index_dir(root))
        stats = self.prepared.stats
        if stats.changed:
            log.info(f"zoekindex bijgewerkt: {stats.added} nieuw, {stats.updated} gewijzigd,"
                     f" {stats.removed} verwijderd")
        self.work = IndexWork(self.prepared.folder, static.cluster_titles(lexicon),
                              committed(self.prepared.base), len(lexicon))
        return LaterSimilar(self.work)

    def _discard_index(self) -> None:
        if self.work is not None:
            self.work.cancel()
            self.work = None
        if self.prepared is not None:
            self.prepared.discard()
            self.prepared = None

    # https://www.mkdocs.org/dev-guide/plugins/#on_post_build
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.state is not None:
            self.state.places.save()
        if self.prepared is not None:
            if self.state is not None and self.work is not None:
                # Before the commit: the previous index still holds its browser index,
                # which an unchanged lexicon reuses.
                self._static_search(self.work, Path(config.site_dir))
            self.work = None
            self.prepared.commit()
            self.prepared = None

    def _static_search(self, work: IndexWork, site_dir: Path) -> None:
        """The reader's search on any host: our index for the browser, and Material's own
        index emptied (its 300+ kB would otherwise load on every page, for a weaker search
        that our script replaces)."""
        stats = work.browser_index(site_dir / static.FOLDER)
        if work.failure is not None:
            log.info(f"het hulpproces voor 'lijkt op' en de browserindex faalde ({work.failure});"
                     " dit proces heeft het werk gedaan")
        log.info(f"zoekindex voor de browser: {stats.files} bestanden, {stats.bytes // 1024} kB")
        material = site_dir / "search" / "search_index.json"
        if material.is_file():
            data = json.loads(material.read_text("utf-8"))
            data["docs"] = []
            material.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    # https://www.mkdocs.org/dev-guide/plugins/#on_build_error
    def on_build_error(self, *, error: Exception) -> None:
        self._discard_index()

    def _navigation(self, config: MkDocsConfig) -> list[Any]:
        assert self.state is not None
        lexicon = self.state.lexicon
        docs = Path(config.docs_dir)
        pages = sorted(lexicon.pages.values(), key=lambda p: (p.order, p.title))
        nav: list[Any] = [{"Startpagina": urls.HOME}]
        title = generated.html_title
        nav += [{title(p.title): f"{p.slug}.md"} for p in pages if p.order < 50
                and p.slug != "index" and (docs / f"{p.slug}.md").is_file()]
        listed = len(lexicon) <= self.config.navigation_limit
        for cluster in lexicon.clusters.values():
            members = [urls.entry_src(e.slug) for e in lexicon.in_cluster(cluster.slug)]
            if listed:
                nav.append({title(cluster.title): [urls.cluster_src(cluster.slug), *members]})
            else:
                nav.append({title(cluster.title): urls.cluster_src(cluster.slug)})
        nav += [{"Register A–Z": urls.REGISTER}, {"Begrippenkaart": urls.MAP},
                {"Zoeken": urls.SEARCH}]
        if lexicon.reading_lists:
            nav.append({"Leeslijsten": urls.READING_LISTS})
        nav.append({"Open data": urls.DATA_PAGE})
        nav += [{title(p.title): f"{p.slug}.md"} for p in pages if p.order >= 50
                and p.slug != "index" and (docs / f"{p.slug}.md").is_file()]
        return nav

    # https://www.mkdocs.org/dev-guide/plugins/#on_files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.state is None:
            return files
        lexicon = self.state.lexicon
        added = {
            CLUSTER_CSS: generated.cluster_css(lexicon),
            **published_files(lexicon, self.state.graph, self.state.project),
            urls.SEARCH: generated.search_page(),
            urls.REGISTER: generated.register_page(lexicon),
            urls.MAP: generated.map_page(lexicon, self.state.graph),
            urls.DATA_PAGE: generated.data_page(lexicon),
        }
        if files.get_file_from_path(urls.HOME) is None:
            added[urls.HOME] = generated.home_page(
                lexicon, self.state.project.title, self.state.project.description)
        for cluster in lexicon.clusters.values():
            added[urls.cluster_src(cluster.slug)] = generated.cluster_page(lexicon, cluster)
        for entry in lexicon:
            added[urls.entry_src(entry.slug)] = generated.entry_page(lexicon, entry)
        if lexicon.reading_lists:
            added[urls.READING_LISTS] = generated.reading_lists_page(lexicon)
        added.update(edition_files(self.state.editions, lexicon, self.state.project))
        images = self._social_cards() if self.config.social_cards else {}
        for entry in lexicon:
            added[urls.oembed_json(entry.slug)] = oembed_json(
                entry, self.state.project, thumbnail=urls.social_card(entry.slug) in images)
        copied: dict[str, Path] = {}
        if self.config.admin:
            added.update(self._editor_pages())
            copied = self._editor_script()
        for src, path in {**copied, **images}.items():
            files.append(File.generated(config, src, abs_src_path=str(path)))
        for src, content in added.items():
            existing = files.get_file_from_path(src)
            if existing is not None:
                log.warning(f"'{src}' bestaat al in {config.docs_dir}; de lexiconpagina"
                            " vervangt hem")
                files.remove(existing)
            files.append(File.generated(config, src, content=content))
        return files

    def _social_cards(self) -> dict[str, Path]:
        """{site path: PNG file} of every lemma's card, drawn once per content (cached)."""
        assert self.state is not None
        state = self.state
        cards = CardCache(state.root / ".lexicon-cache" / "cards")
        images = {}
        for entry in state.lexicon:
            path = cards.card(entry, state.lexicon.clusters.get(entry.cluster),
                              state.project.title)
            images[urls.social_card(entry.slug)] = path
        drawn = cards.draw()
        if drawn:
            log.info(f"deelkaarten: {drawn} getekend, {len(images) - drawn} uit de cache")
        cards.prune()
        return images

    def _editor_pages(self) -> dict[str, str]:
        """admin/index.html and admin/config.yml, generated from the schemas and clusters."""
        assert self.state is not None
        state, options = self.state, self.config.cms
        if not options.repo and not self.is_serve:
            log.warning("/admin/ staat aan, maar 'cms: repo' is leeg: de browser-editor werkt"
                        " dan alleen lokaal (zie CONTRIBUTING.md, 'De browser-editor aanzetten')")
        settings = decap.CmsSettings(
            repo=options.repo, branch=options.branch, base_url=options.base_url,
            auth_endpoint=options.auth_endpoint, open_authoring=options.open_authoring,
            # decap-server runs only while previewing; a published editor talks to GitHub.
            local_backend_url=options.local_backend if self.is_serve or not options.repo else "",
            site_url=state.project.url)
        clusters = {slug: c.title for slug, c in state.lexicon.clusters.items()}
        return {
            "admin/index.html": decap.admin_page(state.project.title),
            "admin/config.yml": decap.config_yaml(decap.decap_config(clusters, settings)),
        }

    def _editor_script(self) -> dict[str, Path]:
        """Decap's script and chunks from node_modules (installed by `make admin`)."""
        assert self.state is not None
        modules = decap.find_node_modules(self.state.root)
        if modules is None:
            message = ("de browser-editor (Decap CMS) is niet geïnstalleerd: voer 'make admin'"
                       " uit (npm ci; Node.js is nodig)")
            if not self.is_serve:
                raise PluginError(message)
            log.warning(message + "; /admin/ werkt nu niet")
            return {}
        return decap.decap_files(modules)

    # https://www.mkdocs.org/dev-guide/plugins/#on_page_markdown
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if self.state is not None and self.config.search_index:
            # Our browser index replaces Material's, which on_post_build empties: Material's
            # search plugin need not parse every page for it (a fifth of a plain build).
            search = page.meta.get("search")
            if not isinstance(search, dict):
                search = page.meta["search"] = {}
            search["exclude"] = True
        if self.state is None or page.file.generated_by is not None:
            return markdown
        src = page.file.src_uri
        if src == urls.HOME:
            page.meta.setdefault("template", "lexicon/home.html")
        core_page = self.state.lexicon.pages.get(src[: -len(".md")])
        if core_page is None or "/" in src:
            return markdown
        # The core parsed the whole file, so it knows exactly where each [[link]] stands.
        return generated.markdown_body(self.state.lexicon, src, core_page.body,
                                       core_page.body_line, core_page.info.links)

    # https://www.mkdocs.org/dev-guide/plugins/#on_page_context
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        if self.state is None:
            return context
        state = self.state
        slug = state.entry_by_src.get(page.file.src_uri)
        # TemplateContext lists MkDocs' own keys; the lexicon adds two of its own.
        extra = cast(dict[str, Any], context)

        def image(slug: str) -> str:
            if not self.config.social_cards or slug not in state.lexicon:
                return ""
            return state.project.absolute(urls.social_card(slug))

        if slug is not None and "lexicon_entry" not in extra:
            extra["lexicon_entry"] = entry_context(
                state.lexicon, state.graph, state.project, state.lexicon.entries[slug],
                similar=state.similar.get(slug, ()), history=state.histories.get(slug),
                editions=state.editions.links(slug), image=image(slug), places=state.places)
        archived = state.editions.page(page.file.src_uri) if slug is None else None
        if archived is not None and "lexicon_entry" not in extra:
            edition, slug = archived
            assert edition.lexicon is not None and edition.graph is not None
            extra["lexicon_entry"] = entry_context(
                edition.lexicon, edition.graph, state.project, edition.lexicon.entries[slug],
                history=edition.histories.get(slug), editions=state.editions.links(slug),
                archive=state.editions.archive(edition, slug, state.lexicon),
                image=image(slug), places=state.places)
        if "lexicon_site" not in extra:
            extra["lexicon_site"] = state.site
        return context

    # https://www.mkdocs.org/dev-guide/plugins/#on_post_page
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        return self._finish_page(output)

    # https://www.mkdocs.org/dev-guide/plugins/#on_post_template (404.html is one)
    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str | None:
        if not template_name.endswith(".html"):
            return output_content
        return self._finish_page(output_content)

    def _finish_page(self, html: str) -> str:
        """The search flag, then the page's own Content-Security-Policy (a static host sends
        no security headers; the policy hashes the page's final inline scripts)."""
        if self.state is None:
            return html
        return csp.with_meta_policy(self._with_search_flag(html))

    def _with_search_flag(self, html: str) -> str:
        """Add <meta name="lexicon-search-api" content="ja|nee"> to the page head: search.js
        then knows without asking whether this build is served with the search API."""
        if self.state is None or SEARCH_FLAG in html or "</head>" not in html:
            return html
        value = "ja" if self.config.search_api else "nee"
        head = f'<meta name="{SEARCH_FLAG}" content="{value}">\n'
        if not self.config.search_api:
            head += _search_page_preloads(html)
        return html.replace("</head>", head + "</head>", 1)

    # https://www.mkdocs.org/dev-guide/plugins/#on_serve
    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer | None:
        if self.state is not None:
            for name in ("lemmas", "clusters", "lexicon.yml"):
                path = self.state.root / name
                if path.exists():
                    server.watch(str(path))
        app = server.get_app()
        if self.config.admin and app is not None:
            server.set_app(without_live_reload(app, server.root, f"{server.mount_path}admin/"))
        return server


_SEARCH_ROOT = re.compile(
    r'<form class="lx-search" id="lx-search-form"[^>]*\sdata-lx-root="([^"]*)"')


def _search_page_preloads(html: str) -> str:
    """On a static build's search page, which searches as soon as it opens with a query:
    preload hints for the engine and the index's metadata, so that they load beside the
    page's own styles and scripts instead of one after another once search.js runs. The
    addresses are the ones search.js asks for (its root is the form's `data-lx-root`,
    already escaped for an attribute); `crossorigin` makes the hint match `fetch`'s
    request. Every other page loads nothing of the search until a reader is in a box."""
    found = _SEARCH_ROOT.search(html)
    if found is None:
        return ""
    root = found.group(1).rstrip("/") + "/" if found.group(1) else "./"
    return (f'<link rel="preload" href="{root}assets/lexicon/lx-search.js" as="script">\n'
            f'<link rel="preload" href="{root}{static.FOLDER}/meta.json" as="fetch"'
            ' crossorigin="anonymous">\n')
