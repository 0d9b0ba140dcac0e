// Ciphers and hashes for encode/decode: rabbitmqctl's names, limited to what node:crypto does without legacy OpenSSL.

/** [rabbitmqctl name, node:crypto name]; the generic aes_* names take a 128-bit key, as Erlang's do. */
export const PBE_CIPHERS: readonly (readonly [string, string])[] = [
  ["chacha20", "chacha20"],
  ["aes_256_ofb", "aes-256-ofb"], ["aes_192_ofb", "aes-192-ofb"], ["aes_128_ofb", "aes-128-ofb"],
  ["aes_192_cbc", "aes-192-cbc"], ["aes_256_cbc", "aes-256-cbc"],
  ["aes_128_cfb128", "aes-128-cfb"], ["aes_192_cfb128", "aes-192-cfb"], ["aes_256_cfb128", "aes-256-cfb"],
  ["aes_128_cfb8", "aes-128-cfb8"], ["aes_192_cfb8", "aes-192-cfb8"], ["aes_256_cfb8", "aes-256-cfb8"],
  ["aes_256_ctr", "aes-256-ctr"], ["aes_192_ctr", "aes-192-ctr"], ["aes_128_ctr", "aes-128-ctr"],
  ["des_ede3_cfb", "des-ede3-cfb"], ["aes_128_cbc", "aes-128-cbc"], ["des_ede3_cbc", "des-ede3-cbc"],
  ["aes_cbc", "aes-128-cbc"], ["aes_cfb128", "aes-128-cfb"], ["aes_cfb8", "aes-128-cfb8"], ["aes_ctr", "aes-128-ctr"],
];

/** [rabbitmqctl name, node:crypto name] */
export const PBE_HASHES: readonly (readonly [string, string])[] = [
  ["blake2s", "blake2s256"], ["blake2b", "blake2b512"],
  ["sha3_512", "sha3-512"], ["sha3_384", "sha3-384"], ["sha3_256", "sha3-256"], ["sha3_224", "sha3-224"],
  ["sha512", "sha512"], ["sha384", "sha384"], ["sha256", "sha256"], ["sha224", "sha224"], ["sha", "sha1"],
  ["ripemd160", "ripemd160"], ["md5", "md5"],
];

export const nodeCipher = (name: string): string | undefined => PBE_CIPHERS.find(([e]) => e === name)?.[1];
export const nodeHash = (name: string): string | undefined => PBE_HASHES.find(([e]) => e === name)?.[1];
