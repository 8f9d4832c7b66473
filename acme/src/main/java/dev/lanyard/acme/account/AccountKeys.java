package dev.lanyard.acme.account;

import dev.lanyard.core.cert.Pem;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * ACME account keys: new ones are EC P-256 (ES256, accepted by every public CA), written as
 * PKCS#8 PEM. Reading accepts what other tools leave behind: PKCS#8, SEC1 {@code EC PRIVATE KEY}
 * and PKCS#1 {@code RSA PRIVATE KEY} (cert-manager's account Secrets); the public half is derived.
 * Error messages never quote the key.
 */
public final class AccountKeys {

  private AccountKeys() {}

  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
    }
  }

  public static String toPem(KeyPair key) {
    return Pem.encodePrivateKey(key.getPrivate());
  }

  /**
   * @param source names the file or Secret in error messages
   * @throws IOException when the text holds no usable RSA or EC private key
   */
  public static KeyPair fromPem(String pem, String source) throws IOException {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      parsed = parser.readObject();
      while (parsed != null && !(parsed instanceof PEMKeyPair) && !(parsed instanceof PrivateKeyInfo)) {
        parsed = parser.readObject();
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException(source + ": not a readable PEM private key (" + e.getClass().getSimpleName() + ")", e);
    }
    if (parsed == null) {
      throw new IOException(source + ": no private key found (expected BEGIN PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)");
    }
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      KeyPair pair;
      if (parsed instanceof PEMKeyPair kp && kp.getPublicKeyInfo() != null) {
        pair = converter.getKeyPair(kp);
      } else {
        PrivateKeyInfo info = parsed instanceof PEMKeyPair kp ? kp.getPrivateKeyInfo() : (PrivateKeyInfo) parsed;
        PrivateKey key = converter.getPrivateKey(info);
        requireEcOrRsa(key, source);
        pair = new KeyPair(derivePublic(key), key);
      }
      requireEcOrRsa(pair.getPrivate(), source);
      return pair;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException(source + ": unusable private key (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static void requireEcOrRsa(PrivateKey key, String source) throws IOException {
    String alg = key.getAlgorithm();
    if (!alg.equals("EC") && !alg.equals("RSA")) {
      throw new IOException(source + ": " + alg + " keys cannot sign ACME requests; use an EC (P-256) or RSA key");
    }
  }

  private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException, IOException {
    if (key instanceof RSAPrivateCrtKey rsa) {
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
    if (key instanceof ECPrivateKey ec) {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.getEncoded());
      ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
      X9ECParameters params = ECNamedCurveTable.getByOID(curve);
      if (params == null) {
        throw new GeneralSecurityException("unknown EC curve " + curve);
      }
      BigInteger d = ec.getS();
      byte[] point = params.getG().multiply(d).normalize().getEncoded(false);
      SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
          new org.bouncycastle.asn1.x509.AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), point);
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
    }
    throw new GeneralSecurityException(key.getAlgorithm() + " keys are not supported for ACME accounts");
  }
}
