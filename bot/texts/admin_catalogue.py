"""The catalogue in the back office: categories, products, variants, photos, stock."""

RU = {
    "acat.section": "🗂 Каталог",
    "acat.categories": "🗂 Каталог. Выберите категорию или добавьте новую.",
    "acat.categories.none": "🗂 Каталог пуст. Добавьте первую категорию.",
    "acat.category": "Категория «{name}» ({state}), товаров: {count}.",
    "acat.hidden": "скрыта от покупателей",
    "acat.visible": "видна покупателям",
    "acat.category.new": "➕ Новая категория",
    "acat.category.rename": "✏ Переименовать",
    "acat.category.hide": "🙈 Скрыть",
    "acat.category.show": "👁 Показать",
    "acat.category.hidden": "Категория скрыта",
    "acat.category.shown": "Категория снова видна",
    "acat.category.deleted": "Категория удалена",
    "acat.category.not_empty": (
        "В категории товаров: {count}. Удалить можно только пустую категорию: "
        "сначала перенесите или удалите товары."
    ),
    "acat.category.ask_name": "Напишите название категории (до {limit} символов).",
    "acat.category.bad_name": (
        "Название должно быть одной строкой до 64 символов, с буквами или цифрами."
    ),
    "acat.delete": "🗑 Удалить",
    "acat.gone": "Этого уже нет в каталоге.",
    "acat.at_the_end": "Дальше двигать некуда",
    "acat.back.categories": "⬅ К категориям",
    "acat.back.category": "⬅ К категории",
    "acat.back.product": "⬅ К товару",
    "acat.product.new": "➕ Добавить товар",
    "acat.product": (
        "{title}\n{price} · {state}\n\n{description}\n\nВарианты (размер / цвет — артикул — "
        "остаток):\n{variants}"
    ),
    "acat.product.on_sale": "в продаже",
    "acat.product.withdrawn": "снят с продажи",
    "acat.product.offer": "🟢 Вернуть в продажу",
    "acat.product.withdraw": "⚪ Снять с продажи",
    "acat.product.offered": "Товар снова в продаже",
    "acat.product.withdrawn_now": "Товар снят с продажи",
    "acat.product.delete_question": (
        "Удалить «{title}» насовсем? Прошлые заказы сохранятся, из корзин товар исчезнет."
    ),
    "acat.product.delete_yes": "🗑 Да, удалить",
    "acat.product.deleted": "Товар удалён",
    "acat.product.created": "✅ Товар добавлен.",
    "acat.variant.line": "{label} — {sku} — {stock} шт.",
    "acat.edit.title": "✏ Название",
    "acat.edit.price": "✏ Цена",
    "acat.edit.description": "✏ Описание",
    "acat.variants": "📦 Остатки и артикулы",
    "acat.variants.screen": (
        "«{title}»: нажмите на вариант, чтобы изменить остаток, или «Артикул»."
    ),
    "acat.variant.stock": "{label}: {stock} шт.",
    "acat.variant.sku": "🏷 Артикул",
    "acat.photos": "🖼 Фото ({count})",
    "acat.photos.screen": (
        "Фото «{title}»: {count} из {most}. Кнопки у номера фото: выше, ниже, заменить, удалить."
    ),
    "acat.photos.show": "👁 Показать фото",
    "acat.photos.add": "➕ Добавить фото",
    "acat.photos.done": "✅ Готово",
    "acat.photo.deleted": "Фото удалено",
    "acat.ask.title": "Напишите название товара (до {limit} символов).",
    "acat.ask.description": "Напишите описание товара или нажмите «Пропустить».",
    "acat.ask.price": "Напишите цену, как её увидят покупатели: 1990, 1 990 или 1990,50.",
    "acat.ask.sizes": "Напишите размеры через запятую, например: S, M, L.",
    "acat.ask.colours": (
        "Напишите цвета через запятую, например: белый, чёрный. Если цвет один и его "
        "не нужно показывать, нажмите «Пропустить»."
    ),
    "acat.ask.photos": (
        "Пришлите фото товара по одному или альбомом (до {most}). Получено: {count}. "
        "Когда закончите, нажмите «Готово»."
    ),
    "acat.ask.stock": (
        "Сколько штук в наличии? Одно число для всех вариантов или по числу на каждый "
        "через пробел в таком порядке: {variants}."
    ),
    "acat.ask.stock_change": (
        "{label}: сейчас {stock} шт. Напишите +5, чтобы добавить, -2, чтобы убрать, "
        "или =10, чтобы задать остаток."
    ),
    "acat.ask.sku": "{label}: артикул {sku}. Напишите новый артикул (латиница, цифры, . _ -).",
    "acat.ask.replacement": "Пришлите фото, которое встанет на место этого.",
    "acat.bad.title": "Название должно быть одной строкой до 128 символов, с буквами или цифрами.",
    "acat.bad.description": "Описание должно быть текстом до 800 символов.",
    "acat.bad.price": (
        "Не понял цену. Напишите число больше нуля, например: 1990, 1 990 или 1990,50 "
        "(не больше 10 000 000)."
    ),
    "acat.bad.sizes": "Напишите от 1 до 10 размеров через запятую, например: S, M, L.",
    "acat.bad.colours": "Напишите от 1 до 10 цветов через запятую, например: белый, чёрный.",
    "acat.bad.photo": "Здесь нужно фото (или нажмите «Готово»).",
    "acat.bad.stock_list": (
        "Напишите одно число для всех вариантов или по числу на каждый через пробел, "
        "например: 5 или 5 3 (от 0 до 1 000 000)."
    ),
    "acat.bad.stock_change": ("Не понял. Напишите +5, -2 или =10 (числа до 1 000 000)."),
    "acat.bad.sku": (
        "Артикул — до 64 латинских букв, цифр и знаков . _ -, начинается с буквы или цифры."
    ),
    "acat.sku_taken": "Такой артикул уже есть у другого варианта. Напишите другой.",
    "acat.stock.below_zero": "Остаток не может стать меньше нуля. Напишите другое число.",
    "acat.stock.too_much": "Остаток не может быть больше 1 000 000.",
    "acat.stock.not_found": "Этого варианта уже нет.",
    "acat.stock.not_allowed": "Это действие вам недоступно.",
    "acat.stock.no_answer": (
        "Склад не ответил вовремя. Проверьте остатки через минуту и при необходимости повторите."
    ),
    "acat.product.category": "📂 Перенести в другую категорию",
    "acat.product.move_to": "В какую категорию перенести «{title}»?",
    "acat.product.moved": "Товар перенесён",
    "acat.grid.add_size": "➕ Размер",
    "acat.ask.grid_size": (
        "Напишите новые размеры через запятую: они появятся в каждом цвете товара."
    ),
    "acat.ask.grid_colour": (
        "Напишите новые цвета через запятую: они появятся в каждом размере товара."
    ),
    "acat.grid.add_colour": "➕ Цвет",
    "acat.variant.in_stock": (
        "В наличии {stock} шт. Удалить можно вариант без остатка: сначала задайте =0."
    ),
    "acat.variant.deleted": "Вариант удалён",
    "acat.skip": "Пропустить",
    "acat.cancel": "✖ Отмена",
    "acat.cancelled": "Отменено. Меню управления: /admin",
    "acat.lost": "Этот разговор устарел. Начните заново: /admin",
}

EN = {
    "acat.section": "🗂 Catalogue",
    "acat.categories": "🗂 Catalogue. Choose a category or add a new one.",
    "acat.categories.none": "🗂 The catalogue is empty. Add the first category.",
    "acat.category": "Category “{name}” ({state}), products: {count}.",
    "acat.hidden": "hidden from shoppers",
    "acat.visible": "shown to shoppers",
    "acat.category.new": "➕ New category",
    "acat.category.rename": "✏ Rename",
    "acat.category.hide": "🙈 Hide",
    "acat.category.show": "👁 Show",
    "acat.category.hidden": "Category hidden",
    "acat.category.shown": "Category shown again",
    "acat.category.deleted": "Category deleted",
    "acat.category.not_empty": (
        "The category holds {count} products. Only an empty category can be deleted: "
        "move or delete its products first."
    ),
    "acat.category.ask_name": "Type the category's name (up to {limit} characters).",
    "acat.category.bad_name": (
        "A name is one line of up to 64 characters, with letters or digits."
    ),
    "acat.delete": "🗑 Delete",
    "acat.gone": "That is no longer in the catalogue.",
    "acat.at_the_end": "It cannot move further",
    "acat.back.categories": "⬅ Categories",
    "acat.back.category": "⬅ Category",
    "acat.back.product": "⬅ Product",
    "acat.product.new": "➕ Add a product",
    "acat.product": (
        "{title}\n{price} · {state}\n\n{description}\n\nVariants (size / colour — SKU — "
        "stock):\n{variants}"
    ),
    "acat.product.on_sale": "on sale",
    "acat.product.withdrawn": "withdrawn from sale",
    "acat.product.offer": "🟢 Put on sale",
    "acat.product.withdraw": "⚪ Withdraw from sale",
    "acat.product.offered": "The product is on sale again",
    "acat.product.withdrawn_now": "The product is withdrawn from sale",
    "acat.product.delete_question": (
        "Delete “{title}” for good? Past orders keep it; carts will show it as removed."
    ),
    "acat.product.delete_yes": "🗑 Yes, delete",
    "acat.product.deleted": "Product deleted",
    "acat.product.created": "✅ Product added.",
    "acat.variant.line": "{label} — {sku} — {stock} pcs",
    "acat.edit.title": "✏ Title",
    "acat.edit.price": "✏ Price",
    "acat.edit.description": "✏ Description",
    "acat.variants": "📦 Stock and SKUs",
    "acat.variants.screen": "“{title}”: press a variant to change its stock, or “SKU”.",
    "acat.variant.stock": "{label}: {stock} pcs",
    "acat.variant.sku": "🏷 SKU",
    "acat.photos": "🖼 Photos ({count})",
    "acat.photos.screen": (
        "Photos of “{title}”: {count} of {most}. Buttons by photo number: earlier, later, "
        "replace, delete."
    ),
    "acat.photos.show": "👁 Show photos",
    "acat.photos.add": "➕ Add photos",
    "acat.photos.done": "✅ Done",
    "acat.photo.deleted": "Photo deleted",
    "acat.ask.title": "Type the product's title (up to {limit} characters).",
    "acat.ask.description": "Type the product's description, or press “Skip”.",
    "acat.ask.price": "Type the price as shoppers will see it: 1990, 1 990 or 1990.50.",
    "acat.ask.sizes": "Type the sizes separated by commas, e.g.: S, M, L.",
    "acat.ask.colours": (
        "Type the colours separated by commas, e.g.: white, black. If there is one colour "
        "not worth showing, press “Skip”."
    ),
    "acat.ask.photos": (
        "Send the product's photos one by one or as an album (up to {most}). Received: "
        "{count}. Press “Done” when finished."
    ),
    "acat.ask.stock": (
        "How many are in stock? One number for every variant, or one per variant "
        "separated by spaces, in this order: {variants}."
    ),
    "acat.ask.stock_change": (
        "{label}: {stock} pcs now. Type +5 to add, -2 to take away, or =10 to set the stock."
    ),
    "acat.ask.sku": "{label}: SKU {sku}. Type the new SKU (Latin letters, digits, . _ -).",
    "acat.ask.replacement": "Send the photo to put in this one's place.",
    "acat.bad.title": "A title is one line of up to 128 characters, with letters or digits.",
    "acat.bad.description": "A description is text of up to 800 characters.",
    "acat.bad.price": (
        "That is not a price. Type a number above zero, e.g.: 1990, 1 990 or 1990.50 "
        "(at most 10 000 000)."
    ),
    "acat.bad.sizes": "Type 1 to 10 sizes separated by commas, e.g.: S, M, L.",
    "acat.bad.colours": "Type 1 to 10 colours separated by commas, e.g.: white, black.",
    "acat.bad.photo": "A photo is needed here (or press “Done”).",
    "acat.bad.stock_list": (
        "Type one number for every variant, or one per variant separated by spaces, "
        "e.g.: 5 or 5 3 (0 to 1 000 000)."
    ),
    "acat.bad.stock_change": "That is not a change. Type +5, -2 or =10 (numbers up to 1 000 000).",
    "acat.bad.sku": (
        "A SKU is up to 64 Latin letters, digits and . _ -, starting with a letter or digit."
    ),
    "acat.sku_taken": "Another variant has that SKU. Type another.",
    "acat.stock.below_zero": "Stock cannot go below zero. Type another number.",
    "acat.stock.too_much": "Stock cannot be over 1 000 000.",
    "acat.stock.not_found": "That variant is gone.",
    "acat.stock.not_allowed": "This action is not available to you.",
    "acat.stock.no_answer": (
        "The stock keeper did not answer in time. Check the stock in a minute and repeat if needed."
    ),
    "acat.product.category": "📂 Move to another category",
    "acat.product.move_to": "Which category should “{title}” move to?",
    "acat.product.moved": "Product moved",
    "acat.grid.add_size": "➕ Size",
    "acat.ask.grid_size": "Type the new sizes separated by commas: each comes in every colour.",
    "acat.ask.grid_colour": "Type the new colours separated by commas: each comes in every size.",
    "acat.grid.add_colour": "➕ Colour",
    "acat.variant.in_stock": (
        "{stock} in stock. Only a variant with none in stock can be deleted: set =0 first."
    ),
    "acat.variant.deleted": "Variant deleted",
    "acat.skip": "Skip",
    "acat.cancel": "✖ Cancel",
    "acat.cancelled": "Cancelled. Management menu: /admin",
    "acat.lost": "This conversation is out of date. Start again: /admin",
}
