#!/usr/bin/python3
"""A real SMTP server for tst_channels (Debian's python3-aiosmtpd).

Writes each message it accepts to MAILDIR/<n>.eml and its port to
PORT_FILE once it listens. --starttls CERT KEY requires STARTTLS before
mail; --login USER:PASS requires that login; --reject ADDRESS answers 550
for that recipient; --busy N answers 451 to the first N messages.
"""
import argparse
import logging
import os
import socket
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, maildir, reject, busy):
        self.maildir = maildir
        self.reject = reject
        self.busy = busy
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.reject:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.busy > 0:
            self.busy -= 1
            return "451 4.3.0 try again later"
        self.count += 1
        path = os.path.join(self.maildir, "%d.eml" % self.count)
        with open(path + ".part", "wb") as out:
            out.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            out.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(b"X-Was-TLS: " + (b"yes" if session.ssl else b"no") + b"\r\n")
            out.write(envelope.original_content)
        os.rename(path + ".part", path)
        return "250 2.0.0 queued as %d" % self.count


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port_file")
    parser.add_argument("maildir")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--login")
    parser.add_argument("--reject", default="")
    parser.add_argument("--busy", type=int, default=0)
    args = parser.parse_args()
    # A refused handshake is a test's point, not news.
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)

    options = {}
    if args.starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.starttls)
        options.update(tls_context=context, require_starttls=True)
    if args.login:
        user, password = args.login.split(":", 1)

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login.decode() == user
                  and auth_data.password.decode() == password)
            # handled=False: aiosmtpd answers 535 itself when it fails.
            return AuthResult(success=ok, handled=False)

        options.update(authenticator=authenticate, auth_required=True,
                       auth_require_tls=bool(args.starttls))
    port = free_port()
    controller = Controller(Sink(args.maildir, args.reject, args.busy),
                            hostname="127.0.0.1", port=port, **options)
    controller.start()
    with open(args.port_file + ".part", "w") as out:
        out.write(str(port))
    os.rename(args.port_file + ".part", args.port_file)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
