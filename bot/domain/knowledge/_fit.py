"""Fit the classifier's logistic regression in a child process: ``python -m bot.domain.knowledge._fit``.

Reads the bank's rows (``numpy.savez`` of :class:`~bot.domain.knowledge.classifier.Rows`) on stdin, writes the
weights (``numpy.savez``: ``weights``, ``bias``, ``topics``) on stdout. A plain child process, not
``multiprocessing``: that would import the parent's main script again in the child.
"""

from __future__ import annotations

import io
import sys

import numpy as np

from bot.domain.knowledge.classifier import Rows, fit_logistic


def main() -> int:
    data = np.load(io.BytesIO(sys.stdin.buffer.read()), allow_pickle=False)
    rows = Rows(data["indptr"], data["indices"], data["data"], int(data["n_features"]), tuple(data["labels"]))
    weights, bias, topics = fit_logistic(rows)
    out = io.BytesIO()
    np.savez(out, weights=weights, bias=bias, topics=np.array(topics))
    sys.stdout.buffer.write(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
