"""Import and export in the back office: the section's screens, the file checks' answers."""

RU = {
    "files.section": "📁 Импорт и экспорт",
    "files.menu": (
        "Импорт и экспорт.\n\n"
        "Чтобы загрузить каталог, просто пришлите сюда CSV-файл. Экспорт каталога — "
        "готовый образец: его можно поправить в Excel и прислать обратно."
    ),
    "files.import": "📥 Как загрузить каталог",
    "files.export_catalogue": "📤 Выгрузить каталог",
    "files.export_orders": "📤 Выгрузить заказы",
    "files.back": "⬅ Назад",
    "files.import_help": (
        "Пришлите CSV-файл (UTF-8, разделитель «;» или «,»), одна строка — один вариант "
        "товара. Первая строка — заголовки:\n"
        "category; product; description; price; size; colour; sku; stock; photos\n"
        "(или по-русски: категория; товар; описание; цена; размер; цвет; артикул; "
        "остаток; фото).\n\n"
        "Обязательны категория, товар, цена (1990 или 1990,50), размер, артикул и "
        "остаток. Фото — ссылки или имена файлов .jpg/.png/.webp через «|», до 10.\n\n"
        "Варианты ищутся по артикулу: новые создаются, существующие обновляются. Если "
        "хоть одна строка с ошибкой, ничего не меняется, а я назову строки с ошибками."
    ),
    "files.preparing": "Готовлю файл…",
    "files.catalogue_caption": "Каталог: {lines} строк (вариантов).",
    "files.orders_caption": "Заказы ({period}, {status}): {lines}.",
    "files.choose_period": "Заказы за какой период выгрузить?",
    "files.choose_status": "Заказы за период «{period}»: с каким статусом?",
    "files.period.today": "Сегодня",
    "files.period.week": "7 дней",
    "files.period.month": "30 дней",
    "files.period.all": "Всё время",
    "files.status.any": "Все статусы",
    "files.checking": "Проверяю файл…",
    "files.too_big": "Файл слишком большой: до {megabytes} МБ. Ничего не изменено.",
    "files.applying": "Файл в порядке ({lines} строк). Загружаю…",
    "files.imported": (
        "✅ Каталог загружен ({lines} строк).\n"
        "Категорий создано: {categories_created}\n"
        "Товаров создано: {products_created}, изменено: {products_updated}\n"
        "Вариантов создано: {variants_created}, изменено: {variants_updated}"
    ),
    "files.import_failed": "⚠️ База данных отказалась принять файл, ничего не изменено: {reason}",
    "files.no_answer": (
        "⏳ Загрузка ещё не подтверждена. Проверьте каталог (выгрузите его) немного "
        "позже; повторная отправка того же файла безопасна."
    ),
    "files.refused": (
        "❌ Файл не загружен, ничего не изменено. Строк с ошибками: {count}.{first}\n\n{lines}"
    ),
    "files.refused.first": " Первые {shown}:",
    "files.bad.empty": "строка {line}: в файле нет строк с товарами",
    "files.bad.header": "строка {line}: в заголовке нет столбца «{column}»",
    "files.bad.encoding": "файл не в кодировке UTF-8 (сохраните как «CSV UTF-8»)",
    "files.bad.malformed": "строка {line}: не разобрать (кавычки или слишком длинная ячейка)",
    "files.bad.columns": "строка {line}: больше ячеек, чем столбцов в заголовке",
    "files.bad.required": "строка {line}: не заполнено «{column}»",
    "files.bad.too_long": "строка {line}: слишком длинное значение в «{column}»",
    "files.bad.price": "строка {line}: цена должна быть числом, например 1990 или 1990,50",
    "files.bad.stock": "строка {line}: остаток — целое число от 0 до 1 000 000",
    "files.bad.sku": "строка {line}: артикул без пробелов, до 64 символов",
    "files.bad.photos_many": "строка {line}: больше 10 фото",
    "files.bad.photo": "строка {line}: фото — ссылка http(s) или файл .jpg, .png, .webp",
    "files.bad.sku_twice": "строка {line}: артикул уже был в строке {other}",
    "files.bad.variant_twice": "строка {line}: такой размер и цвет уже в строке {other}",
    "files.bad.differs": "строка {line}: «{column}» товара не совпадает со строкой {other}",
    "files.column.category": "категория",
    "files.column.product": "товар",
    "files.column.description": "описание",
    "files.column.price": "цена",
    "files.column.size": "размер",
    "files.column.colour": "цвет",
    "files.column.sku": "артикул",
    "files.column.stock": "остаток",
    "files.column.photos": "фото",
}

EN = {
    "files.section": "📁 Import and export",
    "files.menu": (
        "Import and export.\n\n"
        "To load a catalogue, just send a CSV file here. The catalogue export is a "
        "ready template: edit it in Excel and send it back."
    ),
    "files.import": "📥 How to import",
    "files.export_catalogue": "📤 Export the catalogue",
    "files.export_orders": "📤 Export orders",
    "files.back": "⬅ Back",
    "files.import_help": (
        "Send a CSV file (UTF-8, delimited by “,” or “;”), one line per product variant. "
        "The first line names the columns:\n"
        "category, product, description, price, size, colour, sku, stock, photos\n\n"
        "Category, product, price (1990 or 1990.50), size, SKU and stock are required. "
        "Photos are links or .jpg/.png/.webp file names separated by “|”, up to 10.\n\n"
        "Variants are matched by SKU: new ones are created, existing ones updated. If "
        "any line is wrong, nothing changes and I name the wrong lines."
    ),
    "files.preparing": "Preparing the file…",
    "files.catalogue_caption": "Catalogue: {lines} lines (variants).",
    "files.orders_caption": "Orders ({period}, {status}): {lines}.",
    "files.choose_period": "Export the orders of which period?",
    "files.choose_status": "Orders of “{period}”: with which status?",
    "files.period.today": "Today",
    "files.period.week": "7 days",
    "files.period.month": "30 days",
    "files.period.all": "All time",
    "files.status.any": "Any status",
    "files.checking": "Checking the file…",
    "files.too_big": "The file is too big: {megabytes} MB at most. Nothing changed.",
    "files.applying": "The file is fine ({lines} lines). Importing…",
    "files.imported": (
        "✅ Catalogue imported ({lines} lines).\n"
        "Categories created: {categories_created}\n"
        "Products created: {products_created}, updated: {products_updated}\n"
        "Variants created: {variants_created}, updated: {variants_updated}"
    ),
    "files.import_failed": "⚠️ The database refused the file, nothing changed: {reason}",
    "files.no_answer": (
        "⏳ The import is not confirmed yet. Check the catalogue (export it) a little "
        "later; sending the same file again is safe."
    ),
    "files.refused": (
        "❌ The file was not imported; nothing changed. Lines with errors: {count}.{first}"
        "\n\n{lines}"
    ),
    "files.refused.first": " The first {shown}:",
    "files.bad.empty": "line {line}: the file has no product lines",
    "files.bad.header": "line {line}: the header has no “{column}” column",
    "files.bad.encoding": "the file is not UTF-8 (save it as “CSV UTF-8”)",
    "files.bad.malformed": "line {line}: cannot be read (quotes, or a cell far too long)",
    "files.bad.columns": "line {line}: more cells than the header has columns",
    "files.bad.required": "line {line}: “{column}” is empty",
    "files.bad.too_long": "line {line}: “{column}” is too long",
    "files.bad.price": "line {line}: the price must be a number like 1990 or 1990.50",
    "files.bad.stock": "line {line}: stock is a whole number from 0 to 1,000,000",
    "files.bad.sku": "line {line}: a SKU has no spaces and at most 64 characters",
    "files.bad.photos_many": "line {line}: more than 10 photos",
    "files.bad.photo": "line {line}: a photo is an http(s) link or a .jpg, .png, .webp file",
    "files.bad.sku_twice": "line {line}: the SKU was already on line {other}",
    "files.bad.variant_twice": "line {line}: this size and colour are already on line {other}",
    "files.bad.differs": "line {line}: the product's “{column}” differs from line {other}",
    "files.column.category": "category",
    "files.column.product": "product",
    "files.column.description": "description",
    "files.column.price": "price",
    "files.column.size": "size",
    "files.column.colour": "colour",
    "files.column.sku": "SKU",
    "files.column.stock": "stock",
    "files.column.photos": "photos",
}
