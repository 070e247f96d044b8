#!/usr/bin/python3
"""Pillow peers of the imaging benchmark (Debian's python3 + python3-pil 9.4).

  pillow_peers.py reference OUT_DIR FILE...  the reference Python tool's way: exif_transpose (a full decode),
                                             thumbnail() with LANCZOS, save; the thumbnail from the same image
  pillow_peers.py draft OUT_DIR FILE...      explicit draft() to the share size first (DCT-scaled decode),
                                             LANCZOS resize, exif_transpose on the small image, thumbnail from it
Both write share (2048, q90) and thumbnail (512, q85) JPEGs for every file, one process, one thread.
"""
import os
import sys

from PIL import Image, ImageOps

SHARE, SHARE_Q, THUMB, THUMB_Q = 2048, 90, 512, 85


def fit(w, h, edge):
    if max(w, h) <= edge:
        return w, h
    if w >= h:
        return edge, max(1, round(h * edge / w))
    return max(1, round(w * edge / h)), edge


def reference(path, out):
    with Image.open(path) as im:
        im = ImageOps.exif_transpose(im)
        share = im.copy()
        share.thumbnail((SHARE, SHARE), Image.LANCZOS)
        share.save(out + "_share.jpg", "JPEG", quality=SHARE_Q)
        thumb = im.copy()
        thumb.thumbnail((THUMB, THUMB), Image.LANCZOS)
        thumb.save(out + "_thumb.jpg", "JPEG", quality=THUMB_Q)


def draft(path, out):
    with Image.open(path) as im:
        orientation = im.getexif().get(0x0112, 1)
        w, h = im.size
        target = fit(w, h, SHARE)
        im.draft("RGB", target)  # DCT scaling: the smallest 1/2^n still >= the target
        share = im.convert("RGB").resize(target, Image.LANCZOS)
        if orientation in (2, 3, 4, 5, 6, 7, 8):
            share.info["exif"] = b""
            method = {2: Image.FLIP_LEFT_RIGHT, 3: Image.ROTATE_180, 4: Image.FLIP_TOP_BOTTOM, 5: Image.TRANSPOSE,
                      6: Image.ROTATE_270, 7: Image.TRANSVERSE, 8: Image.ROTATE_90}[orientation]
            share = share.transpose(method)
        share.save(out + "_share.jpg", "JPEG", quality=SHARE_Q)
        thumb = share.resize(fit(share.width, share.height, THUMB), Image.LANCZOS)
        thumb.save(out + "_thumb.jpg", "JPEG", quality=THUMB_Q)


def main():
    mode, out_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    work = reference if mode == "reference" else draft
    for f in files:
        work(f, os.path.join(out_dir, os.path.splitext(os.path.basename(f))[0]))


if __name__ == "__main__":
    main()
