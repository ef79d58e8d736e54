namespace Collectif.Browser;
