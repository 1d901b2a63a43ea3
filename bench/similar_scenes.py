"""Generated originals and their variants for the near-duplicate bench and tests.

Each scene is a background (gradient, horizon, static shapes) with a few "subjects" in
front, rendered with grain like a news picture. Variants of one render are the same
picture (resize 50 %, JPEG q=60, brightness +15 %, crop 5 %, a 10-px border); the
``other-frame`` negative is a second picture of the same scene: the same background, the
subjects moved and the camera panned a little, as the next frame of a burst.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageOps

W, H = 900, 600
VARIANTS = ("resize50", "jpeg60", "bright15", "crop5", "border10")
NEGATIVE = "other-frame"


@dataclass(frozen=True)
class Shape:
    kind: str
    box: tuple[float, float, float, float]  # fractions of the canvas
    colour: tuple[int, int, int]


@dataclass(frozen=True)
class Scene:
    seed: int
    sky: tuple[int, int, int]
    ground: tuple[int, int, int]
    horizon: float
    static: tuple[Shape, ...]
    subjects: tuple[Shape, ...]


def _colour(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randrange(256), rng.randrange(256), rng.randrange(256))


def _shape(rng: random.Random, big: bool) -> Shape:
    w = rng.uniform(0.12, 0.3) if big else rng.uniform(0.04, 0.18)
    h = rng.uniform(0.2, 0.55) if big else rng.uniform(0.04, 0.2)
    x, y = rng.uniform(0, 1 - w), rng.uniform(0.1, 1 - h)
    return Shape(rng.choice(("ellipse", "rect", "tri")), (x, y, x + w, y + h), _colour(rng))


def scene(seed: int) -> Scene:
    rng = random.Random(seed)
    return Scene(
        seed,
        _colour(rng),
        _colour(rng),
        rng.uniform(0.3, 0.7),
        tuple(_shape(rng, False) for _ in range(rng.randint(6, 12))),
        tuple(_shape(rng, True) for _ in range(rng.randint(2, 4))),
    )


def moved(s: Scene, seed: int) -> Scene:
    """The next frame: the subjects have moved, the background stayed."""
    rng = random.Random(seed * 7919 + 1)
    subjects = []
    for sub in s.subjects:
        x0, y0, x1, y1 = sub.box
        dx = rng.choice((-1, 1)) * rng.uniform(0.15, 0.3)
        dx = max(-x0, min(1 - x1, dx)) if abs(dx) > 0.05 else dx
        if abs(dx) < 0.1:  # against an edge: move the other way
            dx = -rng.uniform(0.15, 0.3) if x0 > 0.5 else rng.uniform(0.15, 0.3)
            dx = max(-x0, min(1 - x1, dx))
        dy = rng.uniform(-0.05, 0.05)
        subjects.append(Shape(sub.kind, (x0 + dx, y0 + dy, x1 + dx, y1 + dy), sub.colour))
    return Scene(s.seed, s.sky, s.ground, s.horizon, s.static, tuple(subjects))


def render(s: Scene, pan: float = 0.0) -> Image.Image:
    """The scene as a grainy RGB picture; *pan* shifts the camera by that fraction."""
    big = Image.new("RGB", (int(W * 1.2), int(H * 1.1)), s.sky)
    d = ImageDraw.Draw(big)
    bw, bh = big.size
    d.rectangle((0, int(bh * s.horizon), bw, bh), fill=s.ground)
    for shape in (*s.static, *s.subjects):
        x0, y0, x1, y1 = shape.box
        box = (x0 * W + W * 0.1, y0 * H, x1 * W + W * 0.1, y1 * H)
        if shape.kind == "ellipse":
            d.ellipse(box, fill=shape.colour)
        elif shape.kind == "rect":
            d.rectangle(box, fill=shape.colour)
        else:
            d.polygon(
                [(box[0], box[3]), ((box[0] + box[2]) / 2, box[1]), box[2:]], fill=shape.colour
            )
    left = int(W * 0.1 + pan * W)
    im = big.crop((left, 0, left + W, H)).filter(ImageFilter.GaussianBlur(1.5))
    noise = Image.effect_noise((W, H), 18).convert("RGB")
    return Image.blend(im, noise, 0.08)


def _jpeg(im: Image.Image, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _decode(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def _crop_box(w: int, h: int) -> tuple[int, int, int, int]:
    return (int(w * 0.03), int(h * 0.01), w - int(w * 0.02), h - int(h * 0.04))


TRANSFORMS: dict[str, Callable[[Image.Image], bytes]] = {
    "resize50": lambda im: _jpeg(im.resize((im.width // 2, im.height // 2), Image.LANCZOS)),
    "jpeg60": lambda im: _jpeg(im, 60),
    "bright15": lambda im: _jpeg(ImageEnhance.Brightness(im).enhance(1.15)),
    # 5 % of each dimension off, split unevenly between the edges (a desk's re-crop).
    "crop5": lambda im: _jpeg(im.crop(_crop_box(im.width, im.height))),
    "border10": lambda im: _jpeg(ImageOps.expand(im, 10, fill=(255, 255, 255))),
}


def originals_and_variants(seed: int) -> tuple[bytes, dict[str, bytes]]:
    """One original (JPEG bytes) and every variant of it, plus the ``other-frame``."""
    s = scene(seed)
    original = render(s)
    out = {kind: make(_decode(_jpeg(original))) for kind, make in TRANSFORMS.items()}
    out[NEGATIVE] = _jpeg(render(moved(s, seed), pan=0.06))
    return _jpeg(original), out
