"""Imported, and only imported, by the process a local cluster forks its workers from
(`multiprocessing`'s forkserver, started by `aligner.corpus.dask_client`): what it
loads here every worker has from its start, loaded once for all of them instead of
once a worker by its first tasks."""

from contextlib import suppress

from aligner.corpus.tasks import load_for_local_workers

# A failure here would stop the forkserver, and no worker would start: the workers'
# first tasks load what failed again, and say why it failed.
with suppress(Exception):
    load_for_local_workers()
