package extract

// burmeseTables fills l with the Burmese keyword tables.
func burmeseTables(l *lexicon) {
}
