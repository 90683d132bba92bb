/* stopwords.c -- the built-in Indonesian + English stopword list.
 *
 * Owns: one static array of folded (lower-case, ASCII) words, sorted by
 * byte value so that stopword_is() is a binary search with memcmp: about
 * 8 comparisons per call, no allocation, no initialisation, thread-safe.
 *
 * What is in it, and why. A stopword is dropped from clustering vectors and
 * summary similarity, so it must be a word that says nothing about which
 * story a sentence belongs to. Included: prepositions and conjunctions
 * (di, ke, dari, dengan, karena, sehingga, ...), pronouns and
 * demonstratives (saya, mereka, ini, itu, tersebut), question words,
 * auxiliaries and modals (telah, sudah, akan, sedang, bisa, dapat, harus),
 * copulas (adalah, ialah, merupakan), degree and focus adverbs (sangat,
 * lebih, hanya, juga, pula), quantifiers without a number (semua,
 * beberapa, setiap), particles (pun, dong, kok, sih), the chat
 * abbreviations readers' comments use (yg, dgn, utk, tdk), and a short
 * English function-word list for English articles and quoted English.
 *
 * Left out on purpose:
 *  - tahun, bulan, hari, pekan, lalu, kata, mengatakan, ujar, baru: the
 *    date resolver and quote attribution need them, and stopwords-iso
 *    (Tala 2003) drops them;
 *  - number words (satu, dua, ribuan, puluhan) and vague amounts (banyak):
 *    quantities are facts kabar reports;
 *  - content-bearing verbs and nouns that other lists include (menjadi,
 *    memiliki, pihak, hal, sama, bersama, kembali, tengah, soal): in news
 *    they separate stories more often than not;
 *  - English words that are Indonesian content words once folded: "as"
 *    (AS, Amerika Serikat), "us" (US$), "who" (WHO), "may" (the month).
 * 255 words; tests/t_stopwords.c checks the order and these exclusions. */
#include "stopwords.h"

#include <string.h>

struct word {
    const char *w;     /* static string */
    unsigned char len; /* bytes, excluding NUL */
};

#define W(s) {s, sizeof s - 1}

static const struct word words[] = {
    W("a"), W("about"), W("ada"), W("adalah"), W("adapun"), W("agak"), W("agar"), W("akan"),
    W("aku"), W("all"), W("also"), W("am"), W("amat"), W("an"), W("and"), W("anda"),
    W("antara"), W("apa"), W("apabila"), W("apakah"), W("are"), W("at"), W("atas"), W("atau"),
    W("ataupun"), W("bagaimana"), W("bagi"), W("bahkan"), W("bahwa"), W("be"), W("beberapa"),
    W("been"), W("begini"), W("begitu"), W("being"), W("beliau"), W("belum"), W("berapa"),
    W("bila"), W("bisa"), W("boleh"), W("bukan"), W("but"), W("by"), W("can"), W("cukup"),
    W("cuma"), W("dalam"), W("dan"), W("dapat"), W("dari"), W("daripada"), W("demi"),
    W("demikian"), W("dengan"), W("dgn"), W("di"), W("dia"), W("did"), W("dimana"), W("dll"),
    W("do"), W("does"), W("don't"), W("dong"), W("dsb"), W("for"), W("from"), W("had"),
    W("hampir"), W("hanya"), W("harus"), W("has"), W("have"), W("he"), W("hendak"), W("her"),
    W("here"), W("him"), W("hingga"), W("his"), W("how"), W("i"), W("ia"), W("ialah"), W("if"),
    W("in"), W("ini"), W("inilah"), W("is"), W("it"), W("it's"), W("its"), W("itu"),
    W("itulah"), W("jg"), W("jika"), W("juga"), W("just"), W("kalau"), W("kami"), W("kamu"),
    W("kapan"), W("karena"), W("kau"), W("ke"), W("kemana"), W("kemudian"), W("kenapa"),
    W("kepada"), W("ketika"), W("kini"), W("kita"), W("kok"), W("krn"), W("lagi"), W("lebih"),
    W("lewat"), W("maka"), W("makin"), W("mana"), W("masih"), W("masing-masing"), W("mau"),
    W("maupun"), W("me"), W("melainkan"), W("melalui"), W("memang"), W("mengapa"),
    W("mengenai"), W("menurut"), W("mereka"), W("merupakan"), W("meski"), W("meskipun"),
    W("mesti"), W("more"), W("mungkin"), W("my"), W("namun"), W("no"), W("not"), W("nya"),
    W("of"), W("oleh"), W("on"), W("only"), W("or"), W("our"), W("pada"), W("padahal"),
    W("paling"), W("para"), W("per"), W("pernah"), W("pula"), W("pun"), W("saat"), W("saja"),
    W("sambil"), W("sampai"), W("sana"), W("sang"), W("sangat"), W("saya"), W("seakan"),
    W("sebab"), W("sebagai"), W("sebagaimana"), W("sebagian"), W("sebelum"), W("sebuah"),
    W("secara"), W("sedang"), W("sedangkan"), W("segala"), W("sehingga"), W("sejak"),
    W("sekitar"), W("selain"), W("selama"), W("seluruh"), W("semakin"), W("sempat"),
    W("semua"), W("seolah"), W("seorang"), W("seperti"), W("serta"), W("seseorang"),
    W("sesuatu"), W("sesudah"), W("setelah"), W("setiap"), W("sewaktu"), W("she"), W("should"),
    W("si"), W("siapa"), W("sih"), W("sini"), W("situ"), W("so"), W("some"), W("suatu"),
    W("sudah"), W("supaya"), W("tak"), W("tanpa"), W("tapi"), W("tdk"), W("telah"),
    W("tentang"), W("tentu"), W("terhadap"), W("terlalu"), W("termasuk"), W("tersebut"),
    W("tetapi"), W("than"), W("that"), W("the"), W("their"), W("them"), W("then"), W("there"),
    W("these"), W("they"), W("this"), W("those"), W("tiap"), W("tidak"), W("to"), W("untuk"),
    W("utk"), W("walau"), W("walaupun"), W("was"), W("we"), W("were"), W("what"), W("when"),
    W("where"), W("which"), W("why"), W("will"), W("with"), W("ya"), W("yaitu"), W("yakni"),
    W("yang"), W("yg"), W("you"), W("your")
};

#define N_WORDS (sizeof words / sizeof words[0])

/* Compare w[0..len) with the entry k in byte order. The first byte is
 * compared inline: it settles most steps of the search without a call. */
static int cmp(const char *w, size_t len, const struct word *k)
{
    int c = (unsigned char)w[0] - (unsigned char)k->w[0];

    if (c) return c;
    c = memcmp(w, k->w, len < k->len ? len : k->len);
    if (c) return c;
    return len < k->len ? -1 : len > k->len;
}

int stopword_is(const char *w, size_t len)
{
    size_t lo = 0, hi = N_WORDS;

    if (!w || len == 0 || len > 16) return 0; /* longest entry: masing-masing */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(w, len, &words[mid]);
        if (c == 0) return 1;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

size_t stopword_count(void)
{
    return N_WORDS;
}

const char *stopword_at(size_t i)
{
    return i < N_WORDS ? words[i].w : NULL;
}
