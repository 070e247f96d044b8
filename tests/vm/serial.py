#!/usr/bin/env python3
"""serial.py SOCKET 'command': types one line into the guest's serial root shell (its output lands in serial.log).

QEMU reads from the socket only as fast as the guest's UART takes characters (slow under TCG on a loaded host), and
bytes still queued when the socket closes can be lost. So the line is sent, then this waits until QEMU has read all
of it (the socket's unread-bytes count, SIOCOUTQ, is 0) before closing, instead of sleeping a fixed time and hoping.
Deadline: GRTEST_TIMEOUT_SCALE x 60 s; giving up exits 1 and says how many bytes QEMU never read.
"""
import fcntl
import os
import socket
import struct
import sys
import termios
import time

deadline_seconds = 60 * int(os.environ.get("GRTEST_TIMEOUT_SCALE", "1"))
connection = socket.socket(socket.AF_UNIX)
connection.connect(sys.argv[1])
connection.sendall((sys.argv[2] + "\n").encode())


def unread():
    return struct.unpack("i", fcntl.ioctl(connection.fileno(), termios.TIOCOUTQ, struct.pack("i", 0)))[0]


end = time.monotonic() + deadline_seconds
while unread() > 0:
    if time.monotonic() >= end:
        print(f"serial.py: gave up after {deadline_seconds} s waiting for QEMU to read the command line "
              f"({unread()} bytes still unread): {sys.argv[2][:60]}...", file=sys.stderr)
        sys.exit(1)
    time.sleep(0.05)
connection.close()
