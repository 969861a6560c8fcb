"""Data written once for the tests of a module, as Django's TestCase.setUpTestData does.

Building the CMS tree or loading the demo network costs a second or more; a module whose tests
only read such data writes it once (per pytest-xdist worker) inside an outer transaction that is
rolled back when the module ends. Each test still runs inside its own savepoint (pytest-django's
`db` fixture nests in the outer transaction), so what one test writes never reaches the next.
A module that shares data must hold no transactional test: those empty every table, the shared
rows included.
"""

from contextlib import contextmanager

from django.db import connections, transaction
from django.test import TestCase


@contextmanager
def rolled_back_when_done(django_db_blocker):
    """An outer transaction on every database, open for as long as the block lasts, then rolled
    back: what is written inside is seen by every test inside the block and by nothing after."""
    with django_db_blocker.unblock():
        atomics = []
        for alias in connections:
            atomic = transaction.atomic(using=alias)
            atomic.__enter__()
            atomics.append((alias, atomic))
        try:
            yield
        finally:
            for alias, atomic in reversed(atomics):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)


def run_on_commit_callbacks():
    """Inside the outer transaction nothing commits: run what would have run on commit (the
    e-mails queued by portal.notifications) when the block ends, as the real commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)
