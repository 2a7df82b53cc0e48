"""An HTTPS site that speaks only TLS 1.0 with old ciphers, as some old government servers do.

``OldTLSSite(routes)`` serves ``tests.support.httpd`` routes over TLS 1.0 (security level 0,
a fresh self-signed certificate made at start); ``modern=True`` serves TLS 1.2+ instead.
``handshakes_failed`` counts clients the server could not agree a handshake with.
"""

from __future__ import annotations

import datetime
import ssl
import tempfile
import warnings
from pathlib import Path

from tests.support.httpd import ScriptedSite


def _certificate(folder: Path) -> Path:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=7)).sign(key, hashes.SHA256()))
    path = folder / "site.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()))
    return path


class OldTLSSite(ScriptedSite):
    def __init__(self, routes: dict, *, modern: bool = False):
        super().__init__(routes)
        self.handshakes_failed = 0
        self._folder = tempfile.TemporaryDirectory()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        if not modern:
            context.set_ciphers("ALL:@SECLEVEL=0")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                context.minimum_version = ssl.TLSVersion.TLSv1
                context.maximum_version = ssl.TLSVersion.TLSv1
        context.load_cert_chain(_certificate(Path(self._folder.name)))
        plain = self.server.get_request
        site = self

        def get_request():
            sock, address = plain()
            sock.settimeout(10)
            try:
                return context.wrap_socket(sock, server_side=True), address
            except (ssl.SSLError, OSError):
                with site._lock:
                    site.handshakes_failed += 1
                sock.close()
                raise

        self.server.get_request = get_request
        self.server.handle_error = lambda request, address: None

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc) -> None:
        super().__exit__(*exc)
        self._folder.cleanup()
