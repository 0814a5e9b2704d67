"""Checks that screenshots of rehearse's HTML pages show a rendered page, not a blank one.

Usage: python check_report_png.py PAGE.png...

A page passes when enough of it is ink (pixels away from the white background), it uses
many colours (text, chart lines in the palette, shading), and the top of the page, where the
title and key figures are, is not empty. Exit status 1 names the first page that fails.
"""
import sys

from PIL import Image

MIN_INK = 0.01
MIN_COLOURS = 24
MIN_TOP_INK = 0.005


def ink_share(image, box=None):
    region = image.crop(box) if box else image
    grey = region.convert("L")
    histogram = grey.histogram()
    total = sum(histogram)
    light = sum(histogram[246:])
    return (total - light) / total if total else 0.0


def check(path):
    image = Image.open(path).convert("RGB")
    width, height = image.size
    ink = ink_share(image)
    top = ink_share(image, (0, 0, width, min(height, 400)))
    colours = image.getcolors(maxcolors=1 << 20)
    count = len(colours) if colours is not None else 1 << 20
    problems = []
    if ink < MIN_INK:
        problems.append(f"only {ink:.2%} of the page is ink")
    if top < MIN_TOP_INK:
        problems.append(f"the top of the page is blank ({top:.2%} ink)")
    if count < MIN_COLOURS:
        problems.append(f"only {count} colours")
    return f"{path}: {width}x{height}, {ink:.1%} ink, {count} colours", problems


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    failed = False
    for path in paths:
        summary, problems = check(path)
        print(summary)
        for problem in problems:
            print(f"{path}: error: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
