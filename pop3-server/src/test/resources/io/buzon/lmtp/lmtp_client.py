"""Independent LMTP client for Buzon's tests: Python's smtplib.LMTP, not our code.

usage: lmtp_client.py PORT SENDER BODY_FILE RCPT [RCPT ...]
Prints one line per step: "LHLO <code> <extension,...>", "RCPT <addr> <code> <text>",
"DATA <addr> <code> <text>" (one per accepted recipient, in RCPT order), "QUIT <code>".
"""
import smtplib
import sys

port, sender, body_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
recipients = sys.argv[4:]

client = smtplib.LMTP("127.0.0.1", port)
code, _ = client.ehlo("client.test")  # smtplib.LMTP sends LHLO here
print("LHLO", code, ",".join(sorted(client.esmtp_features.keys())))
options = ["BODY=8BITMIME"]
with open(body_file, "rb") as f:
    body = f.read()
if client.has_extn("size"):
    options.append("SIZE=%d" % len(body))
code, text = client.mail(sender, options)
print("MAIL", code, text.decode())
accepted = []
for rcpt in recipients:
    code, text = client.rcpt(rcpt)
    print("RCPT", rcpt, code, text.decode())
    if code == 250:
        accepted.append(rcpt)
if accepted:
    # data() dot-stuffs, sends, and reads the first recipient's reply; LMTP sends one per recipient.
    try:
        code, text = client.data(body)
    except smtplib.SMTPDataError as e:
        code, text = e.smtp_code, e.smtp_error
    print("DATA", accepted[0], code, text.decode())
    for rcpt in accepted[1:]:
        code, text = client.getreply()
        print("DATA", rcpt, code, text.decode())
code, _ = client.docmd("QUIT")
print("QUIT", code)
client.close()
