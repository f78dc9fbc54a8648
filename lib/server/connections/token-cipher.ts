import "server-only";
import crypto from "node:crypto";

/**
 * Admin tokens of remote clusters are encrypted at rest with AES-256-GCM. The key is
 * derived from AUTH_SECRET with HKDF, so the database alone (a backup, a copied file)
 * does not reveal a token.
 */
const keyBytes = 32;
const ivBytes = 12;
const hkdfSalt = "carport/connections";
const hkdfInfo = "admin-token/aes-256-gcm/v1";

export interface SealedToken {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export class TokenCipher {
  private constructor(private readonly key: Buffer) {}

  static fromSecret(secret: string | undefined): TokenCipher {
    if (!secret) throw new Error("AUTH_SECRET is not set: the console cannot encrypt connection tokens");
    return new TokenCipher(Buffer.from(crypto.hkdfSync("sha256", secret, hkdfSalt, hkdfInfo, keyBytes)));
  }

  /** `aad` binds the ciphertext to its row, so a token cannot be moved to another connection. */
  seal(plaintext: string, aad: string): SealedToken {
    const iv = crypto.randomBytes(ivBytes);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return { iv, tag: cipher.getAuthTag(), ciphertext };
  }

  open(sealed: SealedToken, aad: string): string {
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, sealed.iv);
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
  }
}
