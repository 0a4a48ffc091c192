"""Independent POP3 client for Buzon's delivery tests: Python's poplib over implicit TLS.

usage: pop3_fetch.py PORT LOGIN PASSWORD CAFILE OUTDIR
Prints "STAT <count> <size>", then "UIDL <n> <uidl>" and "RETR <n> <file>" per message; each file holds
the message exactly as retrieved (lines joined with CRLF, dot-stuffing undone by poplib).
"""
import os
import poplib
import ssl
import sys

port, login, password, cafile, outdir = sys.argv[1:6]
context = ssl.create_default_context(cafile=cafile)
context.check_hostname = False
client = poplib.POP3_SSL("127.0.0.1", int(port), context=context, timeout=60)
client.user(login)
client.pass_(password)
count, size = client.stat()
print("STAT", count, size)
for line in client.uidl()[1]:
    print("UIDL", line.decode())
for n in range(1, count + 1):
    _, lines, _ = client.retr(n)
    path = os.path.join(outdir, "%d.eml" % n)
    with open(path, "wb") as f:
        f.write(b"\r\n".join(lines) + b"\r\n")
    print("RETR", n, path)
client.quit()
