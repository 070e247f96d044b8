#!/usr/bin/python3
"""Makes the golden e-paper frames (run once; the outputs are committed and never re-blessed).

The goldens come from an independent implementation: the test pattern drawn with Pillow, then turned into
panel RAM exactly the way Waveshare's driver does it (waveshare_epd/epd2in13_V4.py, getbuffer(): a landscape image
is rotate(90, expand=True), then convert('1'), then tobytes('raw') -> 1 bit per pixel, MSB leftmost, 1 = white,
rows padded to whole bytes). Rotations 0/180/270 use the same Pillow call with the other angles.

Each golden is a binary PBM (P4) of the native portrait frame. PBM stores 1 = black, so its bits are the inverse
of the panel RAM's; padding bits at the end of each row carry no pixels.

The pattern (logical W x H, white background, 0 = black), mirrored by src/GhostRoll.Hardware/EPaper/PanelTestPattern.cs:
  border:  x < 2 or y < 2 or x >= W-2 or y >= H-2
  diagonal: for every x, y = x*(H-1)//(W-1)
  solid block: 8 <= x < 40 and 8 <= y < 24
  marker bar: W-20 <= x < W-12 and 8 <= y < 12
  checker: W-40 <= x < W-8 and H-40 <= y < H-8, black where (x//4 + y//4) is even

Usage: /usr/bin/python3 make-golden-frames.py   (Debian python3-pil)
"""
from PIL import Image


def pattern(w, h):
    img = Image.new('L', (w, h), 255)
    px = img.load()
    for y in range(h):
        for x in range(w):
            black = (x < 2 or y < 2 or x >= w - 2 or y >= h - 2
                     or (8 <= x < 40 and 8 <= y < 24)
                     or (w - 20 <= x < w - 12 and 8 <= y < 12)
                     or (w - 40 <= x < w - 8 and h - 40 <= y < h - 8 and (x // 4 + y // 4) % 2 == 0))
            if black:
                px[x, y] = 0
    for x in range(w):
        px[x, x * (h - 1) // (w - 1)] = 0
    return img


def golden(native_w, native_h, rotation, name):
    logical = (native_h, native_w) if rotation in (90, 270) else (native_w, native_h)
    img = pattern(*logical)
    if rotation:
        img = img.rotate(rotation, expand=True)
    img = img.convert('1')
    assert img.size == (native_w, native_h), img.size
    ram = bytearray(img.tobytes('raw'))
    pbm = bytes(b ^ 0xFF for b in ram)
    with open(name, 'wb') as f:
        f.write(b'P4\n# GhostRoll golden e-paper frame: Waveshare getbuffer() of the test pattern, rotation %d\n%d %d\n'
                % (rotation, native_w, native_h))
        f.write(pbm)


for rotation in (0, 90, 180, 270):
    golden(122, 250, rotation, 'epd2in13-rotation%d.pbm' % rotation)
golden(176, 264, 90, 'epd2in7-rotation90.pbm')
