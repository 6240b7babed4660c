"""The local executor: order, worker processes, and one bad page never stopping a run."""

from conftest import make_article
from rasd.executors import LocalExecutor


class Upper:
    name, parallel = "upper", True

    def run(self, records):
        for r in records:
            if "boom" in r.text:
                raise ValueError("a bug on this page")
            r.text = r.text.upper()
            yield r


class Collect:
    name, parallel = "collect", False

    def __init__(self):
        self.seen = []

    def run(self, records):
        for r in records:
            self.seen.append(r.page)
            yield r


def test_a_failing_page_becomes_a_failed_record_and_the_run_goes_on():
    for workers in (1, 2):
        pages = [make_article(t, page=f"p{i}") for i, t in enumerate(["a", "boom", "c", "d"])]
        out = list(LocalExecutor(workers, chunk_size=2).run([Upper(), Collect()], pages))
        assert [r.page for r in out] == ["p0", "p1", "p2", "p3"]  # input order kept
        assert [r.text for r in out if not r.failed] == ["A", "C", "D"]
        [bad] = [r for r in out if r.failed]
        assert bad.page == "p1" and "ValueError: a bug on this page" in bad.error


class Stuck:
    """A step that never finishes on one page (a pathological regex, a runaway loop)."""

    name, parallel = "stuck", True

    def run(self, records):
        for r in records:
            while "stall" in r.text:
                pass
            yield r


def test_a_page_over_its_time_budget_is_failed_and_the_run_goes_on():
    for workers in (1, 2):
        pages = [make_article(t, page=f"p{i}") for i, t in enumerate(["a", "stall here", "c"])]
        out = list(LocalExecutor(workers, chunk_size=2, page_time_budget=0.3).run([Stuck(), Collect()], pages))
        assert [r.page for r in out] == ["p0", "p1", "p2"]
        [slow] = [r for r in out if r.failed]
        assert slow.page == "p1" and "took longer than the 0.3 s" in slow.error
