package dev.lanyard.core.cert;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text for certificates and private keys, with the JDK alone. Keys are always written as
 * PKCS#8 ({@code BEGIN PRIVATE KEY}); every layout Kubernetes users meet is read: PKCS#8, PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, cert-manager's default for RSA) and SEC1 ({@code BEGIN EC PRIVATE
 * KEY}, cert-manager's default for ECDSA, possibly after an {@code EC PARAMETERS} block as
 * {@code openssl ecparam -genkey} writes it).
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  public static String encode(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  public static String encodeCertificates(List<X509Certificate> certificates) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certificates) {
      try {
        sb.append(encode("CERTIFICATE", c.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalArgumentException("certificate cannot be encoded", e);
      }
    }
    return sb.toString();
  }

  /** PKCS#8 PEM of a private key. */
  public static String encodePrivateKey(PrivateKey key) {
    return encode("PRIVATE KEY", key.getEncoded());
  }

  /** Every certificate in the text, in order; other blocks are ignored. */
  public static List<X509Certificate> decodeCertificates(String pem) throws CertificateException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (Block b : blocks(pem)) {
      if (b.type().equals("CERTIFICATE")) {
        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
      }
    }
    return out;
  }

  /** The first private key in the text. */
  public static PrivateKey decodePrivateKey(String pem) throws GeneralSecurityException {
    if (pem.contains("Proc-Type: 4,ENCRYPTED")) {
      throw new GeneralSecurityException(ENCRYPTED);
    }
    byte[] curve = null;
    for (Block b : blocks(pem)) {
      if (b.type().equals("EC PARAMETERS")) {
        curve = b.der();
      } else if (b.type().equals("ENCRYPTED PRIVATE KEY")) {
        throw new GeneralSecurityException(ENCRYPTED);
      } else if (b.type().endsWith("PRIVATE KEY")) {
        try {
          return switch (b.type()) {
            case "PRIVATE KEY" -> pkcs8(b.der());
            case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1Rsa(b.der())));
            case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(wrapSec1(b.der(), curve)));
            default -> throw new GeneralSecurityException("unsupported key type " + b.type());
          };
        } catch (GeneralSecurityException | RuntimeException e) {
          throw new GeneralSecurityException("the private key PEM cannot be parsed: " + e.getMessage(), e);
        }
      }
    }
    throw new GeneralSecurityException(
        "no private key found (expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
  }

  private static final String ENCRYPTED =
      "the private key is encrypted; store it unencrypted (Kubernetes Secrets and files at 0600 protect it)";

  public record Block(String type, byte[] der) {}

  public static List<Block> blocks(String pem) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String alg : List.of("EC", "RSA", "Ed25519", "EdDSA")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("unsupported PKCS#8 private key", last);
  }

  /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, rsaEncryption, the key. */
  private static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
    byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algId, tlv(0x04, pkcs1)));
  }

  /**
   * PKCS#8 PrivateKeyInfo around a SEC1 ECPrivateKey: id-ecPublicKey with the named curve taken
   * from the key's own {@code [0]} parameters, or else from a preceding EC PARAMETERS block.
   */
  private static byte[] wrapSec1(byte[] sec1, byte[] curveFromBlock) throws GeneralSecurityException {
    byte[] curve = curveFromBlock;
    try {
      Der seq = Der.read(sec1, 0);
      for (int off = seq.valueStart(); off < seq.end(); ) {
        Der e = Der.read(sec1, off);
        if (e.tag() == 0xa0) {
          Der oid = Der.read(sec1, e.valueStart());
          curve = java.util.Arrays.copyOfRange(sec1, oid.start(), oid.end());
        }
        off = e.end();
      }
    } catch (IndexOutOfBoundsException e) {
      throw new GeneralSecurityException("the EC PRIVATE KEY is not valid DER", e);
    }
    if (curve == null || curve.length == 0 || curve[0] != 0x06) {
      throw new GeneralSecurityException("the EC PRIVATE KEY names no curve (and no EC PARAMETERS block precedes it)");
    }
    byte[] ecPublicKey = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    byte[] algId = tlv(0x30, concat(ecPublicKey, curve));
    return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algId, tlv(0x04, sec1)));
  }

  /** One DER element: where it starts, where its value starts, where it ends. */
  private record Der(int tag, int start, int valueStart, int end) {
    static Der read(byte[] b, int off) {
      int tag = b[off] & 0xff;
      int len = b[off + 1] & 0xff;
      int valueStart = off + 2;
      if (len >= 0x80) {
        int n = len & 0x7f;
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[valueStart + i] & 0xff);
        }
        valueStart += n;
      }
      if (valueStart + len > b.length) {
        throw new IndexOutOfBoundsException("DER element runs past the end");
      }
      return new Der(tag, off, valueStart, valueStart + len);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  private static byte[] tlv(int tag, byte[] value) {
    int len = value.length;
    byte[] lenBytes;
    if (len < 0x80) {
      lenBytes = new byte[] {(byte) len};
    } else if (len < 0x100) {
      lenBytes = new byte[] {(byte) 0x81, (byte) len};
    } else if (len < 0x10000) {
      lenBytes = new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len};
    } else {
      lenBytes = new byte[] {(byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
    }
    byte[] out = new byte[1 + lenBytes.length + len];
    out[0] = (byte) tag;
    System.arraycopy(lenBytes, 0, out, 1, lenBytes.length);
    System.arraycopy(value, 0, out, 1 + lenBytes.length, len);
    return out;
  }
}
