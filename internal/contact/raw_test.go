package contact

import (
	"crypto/aes"
	"crypto/cipher"
)

// newRaw builds an AEAD straight from a key, for the test that shows the
// sealer derives its own.
func newRaw(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}
