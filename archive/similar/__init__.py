"""Near copies: perceptual fingerprints (fingerprint.py), their banded Hamming index
(index.py) and the questions the desk asks of them (service.py). No Qt."""
