package dev.lanyard.ca.pem;

import dev.lanyard.core.cert.Pem;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Private keys in every PEM layout Kubernetes users meet: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}, cert-manager's default for RSA) and SEC1 ({@code EC PRIVATE KEY},
 * cert-manager's default for ECDSA, possibly preceded by {@code EC PARAMETERS} as openssl writes it).
 * Keys come back as plain JDK keys, so no security provider needs installing.
 */
public final class KeyPem {

  private KeyPem() {}

  /** The first private key in the text. */
  public static PrivateKey read(String pem) throws GeneralSecurityException {
    return Pem.decodePrivateKey(pem);
  }

  /** PKCS#8 ({@code BEGIN PRIVATE KEY}): what Lanyard writes by default. */
  public static String writePkcs8(PrivateKey key) {
    return dev.lanyard.core.cert.Pem.encodePrivateKey(key);
  }

  /**
   * The traditional OpenSSL layout: PKCS#1 for RSA, SEC1 for ECDSA; Ed25519 has none and stays PKCS#8.
   * This is what cert-manager writes with {@code privateKey.encoding: PKCS1}.
   */
  public static String writeTraditional(PrivateKey key) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      if (key instanceof java.security.interfaces.ECPrivateKey) {
        w.writeObject(new PemObject("EC PRIVATE KEY", sec1(key)));
      } else {
        w.writeObject(key);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a " + key.getAlgorithm() + " key", e);
    }
    return out.toString();
  }

  /**
   * SEC1 with the curve and public point included, as OpenSSL writes it. The JDK's own PKCS#8
   * encoding carries neither inside, so a plain re-wrap would give a key nobody can read.
   */
  private static byte[] sec1(PrivateKey key) throws IOException {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
    ASN1ObjectIdentifier curveOid = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
    X9ECParameters curve = ECNamedCurveTable.getByOID(curveOid);
    if (curve == null) {
      throw new IOException("unknown EC curve " + curveOid.getId());
    }
    BigInteger d = ((java.security.interfaces.ECPrivateKey) key).getS();
    DERBitString publicPoint = new DERBitString(curve.getG().multiply(d).normalize().getEncoded(false));
    return new ECPrivateKey(curve.getN().bitLength(), d, publicPoint, curveOid).getEncoded();
  }
}
