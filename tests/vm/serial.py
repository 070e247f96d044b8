#!/usr/bin/env python3
"""serial.py SOCKET 'command': types one line into the guest's serial root shell (its output lands in serial.log)."""
import socket
import sys
import time

connection = socket.socket(socket.AF_UNIX)
connection.connect(sys.argv[1])
connection.sendall((sys.argv[2] + "\n").encode())
time.sleep(0.3)  # let the guest's tty take the line before the socket closes
connection.close()
