"""Social cards: a PNG per lemma (title, cluster colour, summary) for `og:image`.

Drawn with Pillow, the library Material's social plugin uses, at the 1200 × 630 that Open Graph
consumers show as a large card. Text is set in DejaVu Sans (Debian's fonts-dejavu-core) when it
is installed, else in the font Pillow ships; both have the Dutch diacritics. Lemma text is
drawn as pixels, never interpreted: control and bidi-override characters are dropped first.

Cards are cached by what they show (`CardCache`), so a build draws only changed lemma's.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from lexicon.core.model import Cluster, Entry
from lexicon.export.metadata import CARD_SIZE

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_VERSION = "1"
"""Change when the drawing changes, so cached cards are drawn again."""

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=16)
def _font(bold: bool, size: int) -> Font:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            # Basic layout: Dutch needs no shaping, and it renders several times faster.
            return ImageFont.truetype(str(folder / name), size,
                                      layout_engine=ImageFont.Layout.BASIC)
    return ImageFont.load_default(size)  # Pillow's own font (FreeType build)


def font_source() -> str:
    """Which font the cards use (for the cache key and for people who wonder)."""
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").is_file():
            return str(folder)
    return "pillow-default"


def _clean(text: str) -> str:
    """Plain text to draw: no control, format (bidi overrides, zero-width) or line characters."""
    return " ".join("".join(c for c in text if unicodedata.category(c)[0] != "C").split())


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int,
          lines: int) -> list[str]:
    """Greedy line breaking on word widths (measured once each), ending in '…' when cut."""
    out: list[str] = []
    line, used = "", 0.0
    space = draw.textlength(" ", font=font)
    for word in text.split():
        size = draw.textlength(word, font=font)
        if line and used + space + size <= width:
            line, used = f"{line} {word}", used + space + size
            continue
        if line:
            out.append(line)
            if len(out) > lines:
                break
        line, used = word, size
        while draw.textlength(line, font=font) > width:  # one word wider than the card
            cut = len(line)
            while cut > 1 and draw.textlength(line[:cut], font=font) > width:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
            used = draw.textlength(line, font=font)
    if line and len(out) <= lines:
        out.append(line)
    if len(out) > lines:
        last = out[lines - 1]
        while last and draw.textlength(last + " …", font=font) > width:
            last = last[:-1].rstrip()
        out = [*out[: lines - 1], last + " …"]
    return out


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        return (74, 74, 74)
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def draw_card(title: str, summary: str, cluster: str, colour: str, site: str) -> Image.Image:
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    rgb = _rgb(colour)
    draw.rectangle((0, 0, 28, height), fill=rgb)
    left, right = 80, width - 80
    badge_font = _font(True, 26)
    badge = _clean(cluster).upper()
    badge_width = int(draw.textlength(badge, font=badge_font)) + 36
    draw.rounded_rectangle((left, 64, left + min(badge_width, right - left), 110), 23, fill=rgb)
    draw.text((left + 18, 87), badge, font=badge_font, fill=(255, 255, 255), anchor="lm")
    title_font = _font(True, 68)
    y = 150
    for line in _wrap(draw, _clean(title), title_font, right - left, 2):
        draw.text((left, y), line, font=title_font, fill=(26, 26, 26))
        y += 82
    summary_font = _font(False, 32)
    y += 18
    for line in _wrap(draw, _clean(summary), summary_font, right - left, 6 - (y > 240) * 2):
        draw.text((left, y), line, font=summary_font, fill=(51, 51, 51))
        y += 44
    draw.line((left, height - 86, right, height - 86), fill=(220, 220, 220), width=2)
    draw.text((left, height - 48), _clean(site), font=_font(False, 26), fill=(85, 85, 85),
              anchor="lm")
    return image


def _draw_to(job: tuple[Path, tuple[str, str, str, str, str]]) -> None:
    path, (title, summary, cluster, colour, site) = job
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    draw_card(title, summary, cluster, colour, site).save(partial, format="PNG",
                                                          compress_level=1)  # ~60 kB a card
    partial.replace(path)  # atomic: a killed build never leaves half a card


class CardCache:
    """Cards as files in `folder`, named by a hash of everything they show.

    `card()` names the file; `draw()` then draws the missing ones."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[Path] = set()
        self.missing: dict[Path, tuple[str, str, str, str, str]] = {}

    def card(self, entry: Entry, cluster: Cluster | None, site: str) -> Path:
        cluster_title = cluster.title if cluster else entry.cluster
        colour = cluster.colour if cluster else "#4a4a4a"
        shown = (entry.title, entry.summary, cluster_title, colour, site)
        key = hashlib.sha256("\x1f".join([_VERSION, font_source(), *shown]).encode(
            "utf-8")).hexdigest()[:24]
        path = self.folder / f"{key}.png"
        self.used.add(path)
        if not path.is_file():
            self.missing[path] = shown
        return path

    def draw(self) -> int:
        """Draw the cards that are not in the cache yet; returns how many.

        In this process: a pool would need fork (unsafe beside the build's own thread) or
        spawn (re-imports the caller's main module); about 40 ms a card, once per content."""
        jobs = list(self.missing.items())
        self.missing = {}
        if jobs:
            self.folder.mkdir(parents=True, exist_ok=True)
        for job in jobs:
            _draw_to(job)
        return len(jobs)

    def prune(self) -> None:
        """Remove cards no lemma shows any more."""
        for old in self.folder.glob("*.png"):
            if old not in self.used:
                old.unlink(missing_ok=True)
