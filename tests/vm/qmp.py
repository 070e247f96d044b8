#!/usr/bin/env python3
"""Minimal QMP client for the VM test.

    qmp.py SOCKET STEP [STEP ...]

Each STEP is either a QMP command as JSON ({"execute": ..., "arguments": ...}) or
"wait:EVENT:SECONDS[:DEVICE]", which waits for EVENT (whose data.device equals DEVICE, when given).
Events that arrive while a command is running are kept, so a later wait still sees them.
Exits 1 if a command returns an error or a wait times out; prints replies and events (one JSON per line).
"""
import json
import socket
import sys


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.file = self.sock.makefile("rw")
        self.pending = []
        self.receive()  # greeting
        self.command({"execute": "qmp_capabilities"})

    def receive(self):
        line = self.file.readline()
        if not line:
            raise SystemExit("QMP connection closed")
        return json.loads(line)

    def command(self, message):
        self.file.write(json.dumps(message) + "\n")
        self.file.flush()
        while True:
            reply = self.receive()
            if "event" in reply:
                self.pending.append(reply)
                print("EVENT", json.dumps(reply), flush=True)
                continue
            return reply

    def wait(self, event, seconds, device=None):
        def matches(message):
            return message.get("event") == event and (device is None or message.get("data", {}).get("device") == device)

        for i, message in enumerate(self.pending):
            if matches(message):
                del self.pending[: i + 1]
                return True
        self.sock.settimeout(seconds)
        try:
            while True:
                message = self.receive()
                print("EVENT", json.dumps(message), flush=True)
                if matches(message):
                    return True
        except socket.timeout:
            return False
        finally:
            self.sock.settimeout(None)


def main():
    qmp = Qmp(sys.argv[1])
    status = 0
    for step in sys.argv[2:]:
        if step.startswith("wait:"):
            parts = step.split(":")
            if not qmp.wait(parts[1], float(parts[2]), parts[3] if len(parts) > 3 else None):
                print("TIMEOUT waiting for", parts[1], flush=True)
                status = 1
            continue
        reply = qmp.command(json.loads(step))
        print(json.dumps(reply), flush=True)
        if "error" in reply:
            status = 1
    sys.exit(status)


if __name__ == "__main__":
    main()
