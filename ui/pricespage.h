#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace finops {

class OfferFilterProxyModel;
class OfferTableModel;
class Workspace;

// The Prices page: the catalog in force today as a sortable, filterable table, and the
// import of price sheets (our JSON, LiteLLM's JSON, CSV) into the workspace.
class PricesPage : public QWidget
{
    Q_OBJECT
public:
    explicit PricesPage(Workspace& workspace, QWidget* parent = nullptr);

public slots:
    // Asks for a file and imports it off the GUI thread with a progress dialog.
    void importSheet();
    // Imports a given file; errors are shown in a dialog. Returns at once.
    void importFile(const QString& path);

signals:
    // Emitted when an import ends: ok, and the message shown to the user.
    void importFinished(bool ok, const QString& message);

private:
    void reload();

    Workspace& m_workspace;
    OfferTableModel* m_model;
    OfferFilterProxyModel* m_proxy;
    QLineEdit* m_search;
    QComboBox* m_provider;
    QCheckBox* m_openOnly;
    QTableView* m_table;
    QLabel* m_count;
    QPushButton* m_import;
};

} // namespace finops
