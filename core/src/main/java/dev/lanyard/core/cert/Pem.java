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
 * PEM text for certificates and PKCS#8 private keys, with the JDK alone. Keys are always written
 * as PKCS#8 ({@code BEGIN PRIVATE KEY}); PKCS#1 RSA keys ({@code BEGIN RSA PRIVATE KEY}, which
 * cert-manager writes by default) are read too. SEC1 EC keys need BouncyCastle: see {@code ca/}.
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

  /** The first private key in the text (PKCS#8, or PKCS#1 RSA). */
  public static PrivateKey decodePrivateKey(String pem) throws GeneralSecurityException {
    for (Block b : blocks(pem)) {
      switch (b.type()) {
        case "PRIVATE KEY" -> {
          return pkcs8(b.der());
        }
        case "RSA PRIVATE KEY" -> {
          return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1Rsa(b.der())));
        }
        case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException("encrypted private keys are not supported");
        default -> { }
      }
    }
    throw new GeneralSecurityException("no private key found (expected BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
  }

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
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octet = tlv(0x04, pkcs1);
    byte[] body = new byte[version.length + algId.length + octet.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algId, 0, body, version.length, algId.length);
    System.arraycopy(octet, 0, body, version.length + algId.length, octet.length);
    return tlv(0x30, body);
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
