#!/usr/bin/python3
"""Times Waveshare's own getbuffer() (waveshare_epd/epd2in13_V4.py and epd2in7_V2.py, reproduced below) on the
GhostRoll test pattern, the peer of FramePackingBenchmarks. Needs Debian python3-pil."""
import timeit
from PIL import Image



def pattern(w, h):
    img = Image.new('L', (w, h), 255)
    px = img.load()
    for y in range(h):
        for x in range(w):
            if (x < 2 or y < 2 or x >= w - 2 or y >= h - 2 or (8 <= x < 40 and 8 <= y < 24)
                    or (w - 20 <= x < w - 12 and 8 <= y < 12)
                    or (w - 40 <= x < w - 8 and h - 40 <= y < h - 8 and (x // 4 + y // 4) % 2 == 0)):
                px[x, y] = 0
    for x in range(w):
        px[x, x * (h - 1) // (w - 1)] = 0
    return img


def getbuffer_2in13_v4(image):
    # epd2in13_V4.py getbuffer(), landscape branch
    img = image.rotate(90, expand=True).convert('1')
    return bytearray(img.tobytes('raw'))


def getbuffer_2in7_v2(image, width=176, height=264):
    # epd2in7_V2.py getbuffer(), "Horizontal" branch (a per-pixel Python loop)
    buf = [0xFF] * (int(width / 8) * height)
    image_monocolor = image.convert('1')
    imwidth, imheight = image_monocolor.size
    pixels = image_monocolor.load()
    for y in range(imheight):
        for x in range(imwidth):
            newx = y
            newy = height - x - 1
            if pixels[x, y] == 0:
                buf[int((newx + newy * width) / 8)] &= ~(0x80 >> (y % 8))
    return buf


for name, fn, img in (("2.13\" 250x122, rotation 90", getbuffer_2in13_v4, pattern(250, 122)),
                      ("2.7\" 264x176, rotation 90", getbuffer_2in7_v2, pattern(264, 176))):
    number = 2000 if fn is getbuffer_2in13_v4 else 20
    best = min(timeit.repeat(lambda: fn(img), number=number, repeat=5)) / number
    print(f"Waveshare getbuffer {name}: {best * 1e6:,.1f} us per frame")
