"""Known site-chrome phrases: one signal among several, never the only one.

Written as sites print them; `rasd.clean.lines` compares them normalised. A line equal
to one of these, or starting with one of the prefixes, is chrome.
"""

CHROME_LINES = frozenset(
    {
        "tt", "exit mobile version", "skip to content", "share", "print", "menu",
        "تفاصيل الخبر", "التفاصيل", "شارك", "شارك الخبر", "شارك المقال", "مشاركه", "طباعه",
        "تابعونا", "تابعنا", "الرئيسيه", "الصفحه الرئيسيه", "اخبار ذات صله", "مواضيع ذات صله",
        "الاكثر قراءه", "الاكثر مشاهده", "اقرا ايضا", "اقرا ايضا:", "اقرا المزيد", "قراءه المزيد",
        "المزيد", "اضف تعليق", "التعليقات", "جميع الحقوق محفوظه", "اشترك في النشره البريديه",
        "فيديو", "صور", "اعلان", "محتوي مدفوع",
    }
)

CHROME_PREFIXES = (
    "site icon", "جميع الحقوق محفوظه", "حقوق النشر", "©", "copyright", "تابعونا علي",
    "اقرا ايضا:", "اقرا ايضا :", "المصدر:", "مصدر الصوره", "الصوره:", "tags:", "الكلمات المفتاحيه",
    "كلمات مفتاحيه", "وسوم:", "رابط الخبر",
)

# Lines after which the page lists other articles ("read more" blocks).
TEASER_MARKERS = frozenset(
    {"اقرا المزيد", "قراءه المزيد", "اقرا ايضا", "اقرا ايضا:", "اخبار ذات صله", "مواضيع ذات صله",
     "الاكثر قراءه", "الاكثر مشاهده", "المزيد من الاخبار", "اخبار متعلقه", "read more", "related"}
)

# News and photo agencies, as credited in parentheses at the end of a photo caption.
AGENCIES = frozenset(
    {"ا.ب.ا", "ا ب ا", "ا.ف.ب", "ا ف ب", "رويترز", "ا.ب", "ا ب", "اب", "د.ب.ا", "د ب ا", "واس", "سانا",
     "وام", "قنا", "كونا", "بنا", "وكالات", "غيتي", "غيتي ايميجز", "getty", "getty images", "afp",
     "ap", "epa", "reuters", "dpa", "الشرق الاوسط", "ارشيفيه", "ارشيف", "رويترز/ارشيف", "الاناضول",
     "سبوتنيك", "تاس", "شينخوا", "خاص", "مواقع التواصل", "تويتر", "اكس", "الفرنسيه", "رويترز",
     "الالمانيه", "اسوشيتد برس", "الاسوشيتد برس", "واس", "الاوروبيه"}
)

# How photo captions without an agency credit tend to begin.
CAPTION_OPENINGS = ("جانب من", "من لقاء", "من اجتماع", "من المؤتمر", "صوره ", "لقطه ", "الصوره ")
