#!/usr/bin/env python3
"""Draws the Portal's app icons (wwwroot/icons/app-*.png) from the shapes of wwwroot/logo.svg, without ImageMagick:
   python3 scripts/app-icons.py
"any" icons keep the logo's rounded square; "maskable" ones fill the square and keep the house in the safe zone."""
import struct, zlib, os

GREEN, WHITE, GOLD = (0x0f, 0x6e, 0x5a), (255, 255, 255), (0xf4, 0xb9, 0x42)
HOUSE = [(14, 32), (32, 16), (50, 32), (50, 50), (38, 50), (38, 38), (26, 38), (26, 50), (14, 50)]

def inside(poly, x, y):
    hit = False
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit

def colour(x, y, maskable):
    """Colour (and alpha) at logo coordinate (x, y) in 0..64."""
    if maskable:  # the house shrunk to the central 80 % (the maskable safe zone)
        x, y = 32 + (x - 32) / 0.8, 32 + (y - 32) / 0.8
    else:
        r = 14  # rounded corners of the square
        cx, cy = min(max(x, r), 64 - r), min(max(y, r), 64 - r)
        if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
            return (0, 0, 0, 0)
    if (x - 46) ** 2 + (y - 20) ** 2 <= 36:
        return GOLD + (255,)
    if inside(HOUSE, x, y):
        return WHITE + (255,)
    return GREEN + (255,)

def png(size, maskable):
    n = 3  # 3x3 samples per pixel
    rows = bytearray()
    for py in range(size):
        rows.append(0)
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(n):
                for sx in range(n):
                    c = colour((px + (sx + .5) / n) * 64 / size, (py + (sy + .5) / n) * 64 / size, maskable)
                    for i in range(3): acc[i] += c[i] * c[3]
                    acc[3] += c[3]
            a = acc[3] / (n * n)
            rows += bytes([round(acc[i] / acc[3]) if acc[3] else 0 for i in range(3)] + [round(a)])
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))

out = os.path.join(os.path.dirname(__file__), "..", "wwwroot", "icons")
for size in (192, 512):
    for maskable in (False, True):
        name = f"app-{size}{'-maskable' if maskable else ''}.png"
        with open(os.path.join(out, name), "wb") as f:
            f.write(png(size, maskable))
        print(name)
