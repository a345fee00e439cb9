/* Stands in for Qt's ICU data library (libicudata.so.NN, 32 MB) in the Linux bundle.
 *
 * The wheel's Qt links ICU, so libicudata must exist, but the program never uses what ICU's data serves:
 * collation (QCollator), ICU code pages, ICU time zones. Qt's text layout, line breaking and its zh_CN locale
 * data are its own. With this empty package ICU reports its data missing and Qt falls back (QCollator to code
 * point order). The GUI test suite passes with it preloaded. nianbao.spec builds it with ICU's symbol name.
 */
#ifndef ICU_DATA_SYMBOL
#error "compile with -DICU_DATA_SYMBOL=icudtNN_dat"
#endif
const char ICU_DATA_SYMBOL[32] __attribute__((aligned(16))) = {0};
