"""Helpers shared by the end-to-end benchmark drivers."""
import os
import subprocess
import sys
import time

# Runs the command in a fresh, small Python process and reports its CPU time and peak RSS on
# stderr. Linux carries a forking parent's resident size into the child's ru_maxrss (across
# exec too), so a driver that has read parquet with pyarrow would otherwise report its own
# size as the program's (it did: 204 and 218 MB for runs that peaked near 110 MB).
_MEASURE = """
import os, subprocess, sys
p = subprocess.Popen(sys.argv[1:], stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
      file=sys.stderr)
"""


def measured(cmd, cwd):
    """Runs `cmd`; returns (wall s, CPU s, peak RSS MB of that process, stdout bytes)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *map(str, cmd)], cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    wall = time.perf_counter() - start
    status, cpu, maxrss_kb = proc.stderr.split()
    if int(status) != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}")
    return wall, float(cpu), int(maxrss_kb) / 1024, proc.stdout


def settle_page_cache(path):
    """Drops `path` from the page cache and reads it back once, so that every timed run reads
    it from the state a cold read from disk leaves. How a file came into the cache changes
    what reading it costs the kernel: a file just written by a program making small writes
    is held in 4 KiB pages, one read back from disk in large folios (Linux 6.18, ext4), which
    the kernel copies out about 3 times as cheaply (0.17 against 0.05 s of system time for
    1.76 GB on the development machine)."""
    os.sync()  # only clean pages can be dropped
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        while os.read(fd, 1 << 24):
            pass
    finally:
        os.close(fd)
