#!/usr/bin/python3
"""Peer for the screens benchmark: the original tool's approach (Pillow + python-qrcode) drawing the same
250x122 1-bit 'done' screen GhostRoll draws: header rule, bold headline, two text lines, a QR at 4 px per
module with a 2-module quiet zone. Usage: peer_pillow.py OUT.png [--loop N] (prints mean ms per frame)."""
import sys
import time

import qrcode
from PIL import Image, ImageDraw, ImageFont

URL = "https://gr.example/s/Ab3dE9xQ"
FONTS = "/usr/share/fonts/truetype/dejavu/"


def render(fonts):
    bold28, small11, bold11, bold12 = fonts
    img = Image.new("1", (250, 122), 1)
    draw = ImageDraw.Draw(img)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4, border=2)
    qr.add_data(URL)
    qr.make(fit=True)
    code = qr.make_image(fill_color="black", back_color="white").convert("1")
    img.paste(code, (0, (122 - code.size[1]) // 2))
    x = code.size[0] + 4
    draw.text((246, 4), "87%", font=bold12, fill=0, anchor="ra")
    draw.text((x, 20), "Done", font=bold28, fill=0)
    draw.text((x, 58), "40 new files · 103", font=small11, fill=0)
    draw.text((x, 72), "skipped", font=small11, fill=0)
    draw.text((x, 88), "Scan for gallery", font=bold11, fill=0)
    return img


def main():
    out = sys.argv[1]
    loops = int(sys.argv[sys.argv.index("--loop") + 1]) if "--loop" in sys.argv else 1
    fonts = (ImageFont.truetype(FONTS + "DejaVuSans-Bold.ttf", 28), ImageFont.truetype(FONTS + "DejaVuSans.ttf", 11),
             ImageFont.truetype(FONTS + "DejaVuSans-Bold.ttf", 11), ImageFont.truetype(FONTS + "DejaVuSans-Bold.ttf", 12))
    start = time.perf_counter()
    for _ in range(loops):
        img = render(fonts)
        img.save(out, optimize=False)
    if loops > 1:
        print(f"pillow render+save: {(time.perf_counter() - start) / loops * 1000:.3f} ms/frame")


main()
