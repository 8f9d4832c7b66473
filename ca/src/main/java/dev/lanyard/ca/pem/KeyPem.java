package dev.lanyard.ca.pem;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
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
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      ASN1ObjectIdentifier curve = null;
      while ((o = parser.readObject()) != null) {
        if (o instanceof ASN1ObjectIdentifier oid) {
          curve = oid; // an EC PARAMETERS block, as `openssl ecparam -genkey` writes before the key
        }
        if (o instanceof PEMKeyPair pair) {
          PrivateKeyInfo info = pair.getPrivateKeyInfo();
          if (curve != null && info.getPrivateKeyAlgorithm().getParameters() == null) {
            info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), info.parsePrivateKey());
          }
          return toJdk(info);
        }
        if (o instanceof PrivateKeyInfo info) {
          return toJdk(info);
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new GeneralSecurityException("the private key is encrypted; store it unencrypted (Kubernetes Secrets and files at 0600 protect it)");
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new GeneralSecurityException("the private key PEM cannot be parsed: " + e.getMessage(), e);
    }
    throw new GeneralSecurityException(
        "no private key found (expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
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

  private static PrivateKey toJdk(PrivateKeyInfo info) throws GeneralSecurityException {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm;
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      algorithm = "RSA";
    } else if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      if (info.getPrivateKeyAlgorithm().getParameters() == null) {
        throw new GeneralSecurityException("the EC private key names no curve");
      }
      algorithm = "EC";
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      algorithm = "Ed25519";
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
      algorithm = "Ed448";
    } else {
      throw new GeneralSecurityException("unsupported private key algorithm " + oid.getId());
    }
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot re-encode the " + algorithm + " private key", e);
    }
  }
}
