"""The text toolkit every stage uses: normalisation, tokens and folding, word-list patterns,
sentence spans, and the shapes of URLs, phone numbers and identifiers."""
