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


class Crash:
    """A step that takes its whole worker down on one page (as a crash in C code would), or
    hangs where no alarm reaches (a blocked system call stands in for a stuck C routine)."""

    name, parallel = "crash", True

    def run(self, records):
        import os
        import signal
        import time

        for r in records:
            if "crash" in r.text:
                os.kill(os.getpid(), signal.SIGKILL)
            if "hang" in r.text:
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # the alarm cannot get in
                time.sleep(60)
            yield r


def test_a_page_that_kills_or_hangs_its_worker_is_failed_and_the_run_goes_on():
    pages = [make_article(t, page=f"p{i}") for i, t in enumerate(["a", "crash", "b", "hang", "c", "d", "e"])]
    out = list(LocalExecutor(2, chunk_size=2, page_time_budget=0.5, slack=1.0).run([Crash(), Collect()], pages))
    assert [r.page for r in out] == [f"p{i}" for i in range(7)]
    failed = {r.page: r.error for r in out if r.failed}
    assert set(failed) == {"p1", "p3"}
    assert "killed its worker" in failed["p1"] and "took longer" in failed["p3"]


def test_the_time_budget_holds_on_a_thread_that_is_not_the_main_one():
    # Dask runs tasks on worker threads, where no SIGALRM can be had
    import threading

    from rasd.executors.local import _isolated

    pages = [make_article(t, page=f"p{i}") for i, t in enumerate(["a", "stall here", "c"])]
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(_isolated([Stuck()], pages, budget=0.3)))
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive()
    assert [r.page for r in out] == ["p0", "p1", "p2"]
    [slow] = [r for r in out if r.failed]
    assert slow.page == "p1" and "took longer than the 0.3 s" in slow.error
