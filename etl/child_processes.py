"""Helper processes (extraction workers) that must end with the command that started them."""
from __future__ import annotations

import ctypes
import os
import signal
import sys


# A worker must not outlive the run. Killed with SIGKILL (the OOM killer, kill -9), the parent
# cannot stop its workers, and they would wait for work forever; so on Linux each
# worker asks the kernel to kill it when its parent dies (prctl(PR_SET_PDEATHSIG)). Other
# systems have no such call; there only a parent that lives to clean up stops its workers.
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a worker: be killed when process `parent`, which started it, dies."""
    # A SIGTERM sent to a worker ends the worker, not the handler it inherited from a forked
    # parent (see db.extraction._SigtermEndsRun); Ctrl-C, which the terminal sends to every
    # process of the command, is the parent's to handle: it stops its workers.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    # The parent may have died before prctl took effect. (Started by a fork server, a worker's
    # parent is the server, which ends when the run does, and `parent` lives on.)
    if os.getppid() != parent and not _alive(parent):
        os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass  # alive, and another user's
    return True
